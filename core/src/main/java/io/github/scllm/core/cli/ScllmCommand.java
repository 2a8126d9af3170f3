package io.github.scllm.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code scllm} command; each stage of the pipeline is a subcommand. */
@Command(name = "scllm", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
    description = "Annotate single-cell RNA-seq cells with cell types using what language models know about genes.",
    subcommands = {InspectCommand.class, TopGenesCommand.class, DescribeCommand.class, VersionCommand.class,
        EmbedCommand.class, CellEmbedCommand.class, EvaluateCommand.class, AnnotateCommand.class,
        FitCommand.class, PredictCommand.class,
        MarkersCommand.class, OntologyCommand.class, AnnotateGroupsCommand.class, QcCommand.class,
        BenchmarkAnnotationCommand.class},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:success",
        "1:failure while running (I/O, network, cancelled)",
        "2:invalid arguments or input",
        "3:unsupported file format or encoding",
        "4:internal error (please report with --stacktrace)"},
    scope = ScopeType.INHERIT)
public final class ScllmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
        description = "Print the full stack trace of an error (for bug reports).")
    boolean stacktrace;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
            + String.join(", ", spec.subcommands().keySet()) + " (see scllm --help).");
    }
}
