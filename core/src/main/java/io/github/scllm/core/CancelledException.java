package io.github.scllm.core;

/** Thrown by {@link CancellationToken#check()} once the user has asked to stop. */
public class CancelledException extends EngineException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("Cancelled by the user.");
    }
}
