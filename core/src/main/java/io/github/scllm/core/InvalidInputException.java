package io.github.scllm.core;

/** Input the user can fix: a missing or malformed file, an unknown column, a bad parameter value. */
public class InvalidInputException extends EngineException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
