package io.github.scllm.core;

/**
 * Root of every failure the engine reports to a user. Unchecked, like jHDF's {@code HdfException}, so that
 * streaming callbacks need no throws clauses; the message always says what failed, where, and what to do.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
