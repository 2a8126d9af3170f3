package io.github.scllm.core.cli;

import io.github.scllm.core.evaluate.HashTextEmbedder;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line with the deterministic test text embedder in place of the built-in model. */
final class CommandFixtures {
    static final EmbedderFactory HASH = (provider, threads) -> new HashTextEmbedder(48);

    private CommandFixtures() {
    }

    static MainTest.Run run(QueryPlot plot, String... args) {
        CommandLine cl = Main.commandLine();
        ((EvaluateCommand) cl.getSubcommands().get("evaluate").getCommand()).embedders = HASH;
        AnnotateCommand annotate = (AnnotateCommand) cl.getSubcommands().get("annotate").getCommand();
        annotate.embedders = HASH;
        annotate.plot = plot;
        ((FitCommand) cl.getSubcommands().get("fit").getCommand()).embedders = HASH;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new MainTest.Run(code, out.toString(), err.toString());
    }

    static MainTest.Run run(String... args) {
        return run(null, args);
    }
}
