package io.github.scllm.core;

/**
 * Text from input files or servers made safe to show in a message: control and escape characters become visible
 * escapes (a damaged file must not move the cursor, clear the terminal or fake a line of output), and long text is
 * shortened.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * @param text     any text, or null
     * @param maxChars longest result before the ellipsis, at least 1
     * @return the text with tab, newline and carriage return as {@code \t \n \r}, other control characters (C0, DEL,
     *         C1) and unpaired surrogates as {@code \\uXXXX}, cut after {@code maxChars} characters with "..."; "null"
     *         for null
     */
    public static String escape(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (b.length() >= maxChars) {
                return b.append("...").toString();
            }
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                    if (pairedSurrogate) {
                        b.append(c).append(text.charAt(++i));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
