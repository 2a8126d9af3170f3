/**
 * In-process text embedding with ONNX Runtime: the built-in sentence model and user-supplied BERT-family ONNX
 * exports (BioBERT, SciBERT, ...), with a pure-Java WordPiece tokenizer. The ONNX runtime and the built-in model
 * are optional dependencies: callers check {@link io.github.scllm.core.embed.local.LocalModels#unavailableReason()}.
 */
package io.github.scllm.core.embed.local;
