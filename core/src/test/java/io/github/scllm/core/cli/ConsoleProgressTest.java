package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Without a terminal, a long step is heard of at every interval, even while its work reports nothing. */
class ConsoleProgressTest {

    @Test
    void aStepLongerThanTheIntervalLogsItsFractionAndMessageAtEveryIntervalAndItsEnd() throws Exception {
        StringWriter out = new StringWriter();
        try (ConsoleProgress p = ConsoleProgress.logging(new PrintWriter(out), "annotate", Duration.ofMillis(100))) {
            p.progress(0.25, "fitting");
            Thread.sleep(700);
            p.progress(0.5, "labelling");
            Thread.sleep(500);
        }
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.size() >= 3, out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("annotate: 25%, fitting, \\d+ s")), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("annotate: 50%, labelling, ")), out.toString());
        assertTrue(lines.get(lines.size() - 1).matches("annotate: done in \\d+ s"), out.toString());
    }

    @Test
    void aStepShorterThanTheIntervalStaysSilent() {
        StringWriter out = new StringWriter();
        try (ConsoleProgress p = ConsoleProgress.logging(new PrintWriter(out), "top genes", Duration.ofSeconds(10))) {
            p.progress(1, "cells");
        }
        assertEquals("", out.toString());
    }
}
