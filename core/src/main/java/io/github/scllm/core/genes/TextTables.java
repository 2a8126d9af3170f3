package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reading of the small delimited files of this package: plain or gzip, tab-separated or RFC 4180 CSV. */
final class TextTables {
    private TextTables() {
    }

    static BufferedReader open(Path file, String what) {
        try {
            InputStream in = Files.newInputStream(file);
            in = new java.io.BufferedInputStream(in, 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + file + " does not exist; check the path.", e);
        } catch (IOException e) {
            throw new InvalidInputException(what + " " + file + " cannot be read (" + e.getMessage() + ").", e);
        }
    }

    static UncheckedIOException readFailure(Path file, long line, IOException e) {
        return new UncheckedIOException("Reading " + file + " failed near line " + line + ": " + e.getMessage(), e);
    }

    /**
     * Reads one record; CSV records may span lines inside quotes.
     *
     * @return the fields, or null at the end of the file
     */
    static List<String> next(BufferedReader r, char separator) throws IOException {
        String line = r.readLine();
        if (line == null) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        if (separator == '\t') {
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == '\t') {
                    fields.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            return fields;
        }
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (quoted) {
                    String more = r.readLine();
                    if (more == null) {
                        break;
                    }
                    f.append('\n');
                    line = more;
                    i = 0;
                    continue;
                }
                break;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                fields.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }

    /** @return null for NCBI's empty marker {@code -} and for blank fields, else the trimmed value */
    static String value(List<String> fields, int col) {
        if (col < 0 || col >= fields.size()) {
            return null;
        }
        String v = fields.get(col).trim();
        return v.isEmpty() || v.equals("-") ? null : v;
    }
}
