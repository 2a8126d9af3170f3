package io.github.scllm.core.annotate;

import io.github.scllm.core.EngineException;

/**
 * A chat-completion service failed: refused the key or quota, answered an error after all retries, or answered
 * something that is not a chat completion. The message names the service and what to do and never contains the API
 * key. A model's refusal or unusable answer for one group is not an exception: that group is reported unresolved.
 */
public class LlmServiceException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int attempts;

    /**
     * @param message what failed and what to do, already free of secrets
     * @param status the last HTTP status, or -1 when no answer arrived
     * @param attempts requests sent, including the first
     */
    public LlmServiceException(String message, int status, int attempts) {
        super(message);
        this.status = status;
        this.attempts = attempts;
    }

    /** @return the last HTTP status, or -1 when no answer arrived */
    public int status() {
        return status;
    }

    /** @return requests sent, including the first */
    public int attempts() {
        return attempts;
    }
}
