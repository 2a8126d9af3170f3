package io.github.scllm.core.annotate;

/**
 * The first choice of a chat completion.
 *
 * @param content the message text (for structured outputs: the JSON), or null
 * @param refusal the model's refusal message, or null when it did not refuse
 * @param finishReason why generation stopped: {@code stop}, {@code length} (truncated), {@code content_filter}, ...;
 *        an empty string when the server sent none
 */
public record ChatReply(String content, String refusal, String finishReason) {
}
