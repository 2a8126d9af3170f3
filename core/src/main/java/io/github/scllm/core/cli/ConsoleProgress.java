package io.github.scllm.core.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.scllm.core.ProgressListener;

/**
 * Progress of a long step on the error stream. On a terminal, a one-line bar redrawn in place. Without one (scripts,
 * CI, KNIME's batch executor writing a log), one plain line at a fixed interval with the step, the fraction done, the
 * latest message and the time so far, printed by a timer so that a step whose work reports rarely still shows that it
 * runs; a step shorter than the interval prints nothing.
 *
 * <p>Every logged line is composed by {@link #logLine}: a figure more (a rate, a count) is one more part there.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private static final int WIDTH = 30;
    /** Redraw at most every 100 ms: a terminal cannot show more, and printing costs time. */
    private static final long REDRAW_NANOS = 100_000_000L;
    /** How often a log without a terminal hears of a running step. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final String step;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService logTimer;
    private long lastDraw;
    private volatile double fraction;
    private volatile String lastMessage = "";
    private volatile boolean logged;

    private ConsoleProgress(PrintWriter err, String step, boolean interactive, Duration logInterval) {
        this.err = err;
        this.step = step;
        this.interactive = interactive;
        if (interactive) {
            logTimer = null;
        } else {
            logTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scllm progress log");
                t.setDaemon(true);
                return t;
            });
            long every = logInterval.toNanos();
            logTimer.scheduleAtFixedRate(this::log, every, every, TimeUnit.NANOSECONDS);
        }
    }

    /** @return a bar when standard error is a terminal, else a line every {@link #LOG_INTERVAL} */
    static ConsoleProgress forTerminal(PrintWriter err, String step) {
        return System.console() != null ? new ConsoleProgress(err, step, true, LOG_INTERVAL)
            : logging(err, step, LOG_INTERVAL);
    }

    /** @return progress written as plain lines, one per interval, as for a log file */
    static ConsoleProgress logging(PrintWriter err, String step, Duration interval) {
        return new ConsoleProgress(err, step, false, interval);
    }

    @Override
    public void progress(double fraction, String message) {
        this.fraction = fraction;
        lastMessage = message == null ? "" : message;
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && fraction < 1) {
            return;
        }
        lastDraw = now;
        err.print('\r' + line(fraction, lastMessage));
        err.flush();
    }

    static String line(double fraction, String message) {
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        return String.format("[%s%s] %3d%% %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
            Math.round(f * 100), message);
    }

    private void log() {
        logged = true;
        err.println(logLine(fraction, lastMessage, Duration.ofNanos(System.nanoTime() - start)));
        err.flush();
    }

    /** @return one log line, e.g. {@code top genes: 42%, cells, 20 s} */
    String logLine(double fraction, String message, Duration elapsed) {
        List<String> parts = new ArrayList<>(3);
        parts.add(Math.round(Math.max(0, Math.min(1, fraction)) * 100) + "%");
        if (!message.isBlank()) {
            parts.add(message);
        }
        parts.add(elapsed.toSeconds() + " s");
        return step + ": " + String.join(", ", parts);
    }

    @Override
    public void close() {
        if (interactive) {
            err.print('\r' + line(1, step + " done") + " ".repeat(20) + System.lineSeparator());
            err.flush();
            return;
        }
        logTimer.shutdownNow();
        if (logged) {
            err.println(step + ": done in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            err.flush();
        }
    }
}
