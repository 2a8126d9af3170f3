package io.github.scllm.core.genes;

import io.github.scllm.core.EngineException;

/**
 * NCBI E-utilities failed: unreachable after all retries, refused the request, or answered something unreadable.
 * Messages never contain the API key.
 */
public class NcbiException extends EngineException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    /**
     * @param message what failed and what to do
     * @param httpStatus the last HTTP status, or -1 when no answer was received
     * @param cause the underlying failure, or null
     */
    public NcbiException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** @return the last HTTP status, or -1 when no answer was received */
    public int httpStatus() {
        return httpStatus;
    }
}
