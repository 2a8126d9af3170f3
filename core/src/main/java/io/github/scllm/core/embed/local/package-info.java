/**
 * In-process text embedding with ONNX Runtime: the built-in sentence model (BAAI's bge-small-en-v1.5, int8-quantized
 * ONNX, 384 dimensions, CLS pooling) and user-supplied BERT-family ONNX exports (BioBERT, SciBERT, MiniLM, ...; CLS
 * or masked-mean pooling), tokenized by a pure-Java WordPiece tokenizer read from HuggingFace's
 * {@code tokenizer.json}.
 *
 * <p>ONNX Runtime and the built-in model are optional dependencies: the command line's jar carries them, a KNIME
 * installation gets them from the fragment bundle of the "scLLM Local Embedding Model" feature. Callers check
 * {@link io.github.scllm.core.embed.local.LocalModels#unavailableReason()} (built-in model) or
 * {@link io.github.scllm.core.embed.local.LocalModels#onnxUnavailableReason()} (user models) first; those checks,
 * {@link io.github.scllm.core.embed.local.Pooling} and
 * {@link io.github.scllm.core.embed.local.WordPieceTokenizer} work without ONNX Runtime on the class path.
 *
 * <p>Each text runs alone through the session, so its vector does not depend on the texts embedded with it;
 * {@code threads} texts run at once. ONNX Runtime 1.28 is used because 1.29 added telemetry on Linux and macOS;
 * the Windows event tracing is switched off when the runtime starts. Nothing is downloaded.
 */
package io.github.scllm.core.embed.local;
