package io.github.scllm.core.cli;

import java.io.PrintWriter;

import io.github.scllm.core.ProgressListener;

/**
 * A one-line progress bar on the error stream for long steps: redrawn in place on a terminal, and silent when the
 * output is not a terminal (pipes, CI logs), where only the final line of each step is printed.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private static final int WIDTH = 30;
    /** Redraw at most every 100 ms: a terminal cannot show more, and printing costs time. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String step;
    private final boolean interactive;
    private long lastDraw;
    private String lastMessage = "";

    ConsoleProgress(PrintWriter err, String step, boolean interactive) {
        this.err = err;
        this.step = step;
        this.interactive = interactive;
    }

    /** @return a progress bar that draws only when standard error is a terminal */
    static ConsoleProgress forTerminal(PrintWriter err, String step) {
        return new ConsoleProgress(err, step, System.console() != null);
    }

    @Override
    public void progress(double fraction, String message) {
        lastMessage = message == null ? "" : message;
        long now = System.nanoTime();
        if (!interactive || now - lastDraw < REDRAW_NANOS && fraction < 1) {
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

    @Override
    public void close() {
        if (interactive) {
            err.print('\r' + line(1, step + " done") + " ".repeat(20) + System.lineSeparator());
            err.flush();
        }
    }
}
