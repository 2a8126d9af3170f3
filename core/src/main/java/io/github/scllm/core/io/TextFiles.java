package io.github.scllm.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import io.github.scllm.core.InvalidInputException;

/** Text input helpers: transparent gzip (by magic bytes), line splitting with simple quoting. */
final class TextFiles {
    private TextFiles() {
    }

    static boolean isGzip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    static BufferedReader open(Path p) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
            if (isGzip(p)) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new InvalidInputException("Could not open " + p + ": " + e.getMessage(), e);
        }
    }

    /** Reads all lines (for small side files: barcodes, features, metadata). */
    static List<String> lines(Path p) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = open(p)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                out.add(l);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("Could not read " + p + " (" + e.getMessage()
                + "); it may be truncated or not valid gzip.", e);
        }
        return out;
    }

    /** Splits a line on {@code sep}, honouring double quotes ("" inside quotes is a quote). */
    static List<String> split(String line, char sep, List<String> out) {
        out.clear();
        int n = line.length();
        if (line.indexOf('"') < 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (line.charAt(i) == sep) {
                    out.add(line.substring(from, i));
                    from = i + 1;
                }
            }
            out.add(line.substring(from, n));
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** @return tab when the line has a tab, else comma */
    static char delimiterOf(String headerLine) {
        return headerLine.indexOf('\t') >= 0 ? '\t' : ',';
    }
}
