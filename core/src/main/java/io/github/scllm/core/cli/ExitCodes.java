package io.github.scllm.core.cli;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;
import picocli.CommandLine;

/** The exit codes of every {@code scllm} command, listed in each command's help. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and failed: an I/O or remote failure, a cancelled run. */
    public static final int FAILURE = 1;
    /** Bad arguments or bad input the user can fix (missing file, unknown column). */
    public static final int INVALID_INPUT = 2;
    /** A file in a format or encoding the engine cannot read. */
    public static final int UNSUPPORTED_FORMAT = 3;
    /** A bug: please report it with the output of {@code --stacktrace}. */
    public static final int INTERNAL_ERROR = 4;


    private ExitCodes() {
    }

    /** Maps an exception that escaped a command to its exit code. */
    static int of(Throwable t) {
        if (t instanceof CommandLine.ParameterException || t instanceof InvalidInputException) {
            return INVALID_INPUT;
        }
        if (t instanceof UnsupportedFormatException) {
            return UNSUPPORTED_FORMAT;
        }
        if (t instanceof io.github.scllm.core.EngineException || t instanceof java.io.IOException
            || t instanceof java.io.UncheckedIOException || t instanceof CancelledException) {
            return FAILURE;
        }
        return INTERNAL_ERROR;
    }
}
