package io.github.scllm.core.io;

import java.util.Objects;

import io.github.scllm.core.InvalidInputException;

/**
 * Which matrix of an AnnData file to read: {@code X}, {@code raw/X} (genes from {@code raw/var}) or a layer.
 * Text form, as used by the command line and node settings: {@code X}, {@code raw} or {@code layer:NAME}.
 *
 * @param kind which matrix
 * @param layer the layer name when {@code kind == LAYER}, otherwise {@code null}
 */
public record MatrixChoice(Kind kind, String layer) {
    public enum Kind { X, RAW, LAYER }

    public static final MatrixChoice X = new MatrixChoice(Kind.X, null);
    public static final MatrixChoice RAW = new MatrixChoice(Kind.RAW, null);

    public MatrixChoice {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LAYER) != (layer != null && !layer.isBlank())) {
            throw new InvalidInputException("A layer name is needed for a layer choice, and only for it.");
        }
    }

    public static MatrixChoice layer(String name) {
        return new MatrixChoice(Kind.LAYER, name);
    }

    /**
     * @param text {@code X}, {@code raw} or {@code layer:NAME} (case-insensitive keywords)
     * @throws InvalidInputException for any other text
     */
    public static MatrixChoice parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("X")) {
            return X;
        }
        if (t.equalsIgnoreCase("raw") || t.equalsIgnoreCase("raw/X")) {
            return RAW;
        }
        if (t.regionMatches(true, 0, "layer:", 0, 6) && t.length() > 6) {
            return layer(t.substring(6));
        }
        if (t.regionMatches(true, 0, "layers/", 0, 7) && t.length() > 7) {
            return layer(t.substring(7));
        }
        throw new InvalidInputException("Unknown matrix choice '" + text + "': use X, raw or layer:NAME.");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case X -> "X";
            case RAW -> "raw";
            case LAYER -> "layer:" + layer;
        };
    }
}
