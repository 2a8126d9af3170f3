package io.github.scllm.core;

/**
 * A file in a format, encoding or compression the engine cannot read (an unknown h5ad {@code encoding-type},
 * a Blosc-compressed dataset). The message names the file and the HDF5 path or part.
 */
public class UnsupportedFormatException extends EngineException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(String message) {
        super(message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
