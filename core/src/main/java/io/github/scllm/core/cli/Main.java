package io.github.scllm.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.io.InvalidValueException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point of {@code java -jar scllm.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line: exit codes mapped, errors printed as one line unless --stacktrace */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ScllmCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        return cl;
    }

    /** @return the fixes for negative or non-finite values that the command offers, named by its own options */
    static String invalidValueFixes(CommandSpec command) {
        List<String> fixes = new ArrayList<>();
        if (command.findOption("--matrix") != null) {
            fixes.add("read the raw counts with --matrix raw or --matrix layer:NAME");
        }
        if (command.findOption("--invalid-values") != null) {
            fixes.add("keep the values with --invalid-values warn");
        }
        return fixes.isEmpty() ? "" : " To fix: " + String.join("; or ", fixes) + ".";
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean stacktrace = ((ScllmCommand) cl.getCommandSpec().root().userObject()).stacktrace;
        int code = ExitCodes.of(ex);
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (code == ExitCodes.INTERNAL_ERROR || !(ex instanceof EngineException)) {
            message = ex.getClass().getSimpleName() + ": " + message;
        }
        if (ex instanceof InvalidValueException) {
            message += invalidValueFixes(cl.getCommandSpec());
        }
        err.println(cl.getColorScheme().errorText("error: " + message.replace('\n', ' ')));
        if (stacktrace) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL_ERROR) {
            err.println("This is a bug; please report it with the output of the same command run with --stacktrace.");
        }
        err.flush();
        return code;
    }
}
