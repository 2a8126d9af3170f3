package io.github.scllm.core.io;

import io.github.scllm.core.InvalidInputException;

/**
 * A negative or non-finite expression value where the reader was told to reject them. The message names the file,
 * the cell and the gene (with their row and column in the file's own layout) but no option: the command line or node
 * that read the file adds the settings that fix it, since only it knows which it has.
 */
public final class InvalidValueException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    InvalidValueException(String message) {
        super(message);
    }
}
