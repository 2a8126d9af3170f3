package io.github.scllm.core.embed;

import io.github.scllm.core.EngineException;

/**
 * A remote embedding provider failed: refused the key or quota, answered an error after all retries, or answered
 * something unreadable. The message names the provider and what to do and never contains the API key.
 */
public class EmbeddingServiceException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int attempts;

    /**
     * @param message  what failed and what to do, already free of secrets
     * @param status   the last HTTP status, or -1 when no answer arrived (timeout, connection failure)
     * @param attempts requests sent for the failing batch
     */
    public EmbeddingServiceException(String message, int status, int attempts) {
        super(message);
        this.status = status;
        this.attempts = attempts;
    }

    /** @return the last HTTP status, or -1 when no answer arrived */
    public int status() {
        return status;
    }

    /** @return requests sent for the failing batch, including the first */
    public int attempts() {
        return attempts;
    }
}
