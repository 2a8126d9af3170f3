package io.github.scllm.core.ontology;

import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code [Term]} stanzas and the header of an OBO 1.2/1.4 file; other stanzas are skipped. */
final class OboParser {
    private final String source;
    private final Map<String, OntologyTerm> terms = new LinkedHashMap<>();
    private final Map<String, Integer> firstLine = new LinkedHashMap<>();
    private String dataVersion = "";
    private String ontology = "";
    private int lineNumber;

    private OboParser(String source) {
        this.source = source;
    }

    /** The parsed content of one file. */
    record Parsed(String dataVersion, String ontology, Map<String, OntologyTerm> terms) {
    }

    static Parsed parse(BufferedReader in, String source) throws IOException {
        OboParser p = new OboParser(source);
        p.run(in);
        if (p.terms.isEmpty()) {
            throw new InvalidInputException(source + " has no [Term] stanza; it is not an OBO ontology file. Use the "
                + ".obo release of the ontology (e.g. cl-basic.obo), not OWL or JSON.");
        }
        return new Parsed(p.dataVersion, p.ontology, p.terms);
    }

    private void run(BufferedReader in) throws IOException {
        TermBuilder term = null;
        boolean inHeader = true;
        boolean skipping = false;
        for (String line = next(in); line != null; line = next(in)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("!")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                finish(term);
                inHeader = false;
                skipping = !trimmed.equals("[Term]");
                term = skipping ? null : new TermBuilder(lineNumber);
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw error("expected 'tag: value', found '" + abbreviate(trimmed) + "'");
            }
            String tag = trimmed.substring(0, colon).strip();
            String value = trimmed.substring(colon + 1).strip();
            if (inHeader) {
                if (tag.equals("data-version")) {
                    dataVersion = value;
                } else if (tag.equals("ontology")) {
                    ontology = value;
                }
            } else if (!skipping) {
                term.add(tag, value);
            }
        }
        finish(term);
    }

    /** Reads one logical line: a line ending in an unescaped backslash continues on the next. */
    private String next(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        StringBuilder sb = new StringBuilder(line);
        while (endsWithContinuation(sb)) {
            sb.setLength(sb.length() - 1);
            String more = in.readLine();
            if (more == null) {
                break;
            }
            lineNumber++;
            sb.append(more);
        }
        return sb.toString();
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private void finish(TermBuilder b) {
        if (b == null) {
            return;
        }
        if (b.id == null) {
            throw new InvalidInputException(source + ", line " + b.line + ": a [Term] stanza has no id: line. Fix or "
                + "remove the stanza.");
        }
        if (terms.containsKey(b.id)) {
            throw new InvalidInputException(source + ", line " + b.line + ": term " + b.id + " is defined a second "
                + "time (first at line " + firstLine.get(b.id) + "). The file is not a valid ontology release.");
        }
        terms.put(b.id, b.build());
        firstLine.put(b.id, b.line);
    }

    private InvalidInputException error(String what) {
        return new InvalidInputException(source + ", line " + lineNumber + ": " + what
            + ". The file is not valid OBO; use an unmodified ontology release.");
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** Value of a reference tag (is_a, relationship, replaced_by ...): without trailing qualifiers and comment. */
    private static String reference(String value) {
        int bang = value.indexOf(" !");
        String v = bang >= 0 ? value.substring(0, bang) : value;
        int brace = v.indexOf('{');
        if (brace >= 0) {
            v = v.substring(0, brace);
        }
        return v.strip();
    }

    /**
     * Splits a quoted OBO string at the start of {@code value}: returns the unescaped text and sets {@code rest[0]}
     * to what follows the closing quote.
     */
    private String quoted(String value, String[] rest) {
        if (!value.startsWith("\"")) {
            throw error("expected a quoted text, found '" + abbreviate(value) + "'");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char e = value.charAt(++i);
                sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'W' ? ' ' : e);
            } else if (c == '"') {
                rest[0] = value.substring(i + 1).strip();
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        throw error("a quoted text is not closed");
    }

    private final class TermBuilder {
        final int line;
        String id;
        String name = "";
        String definition = "";
        final List<Synonym> synonyms = new ArrayList<>();
        final List<String> isA = new ArrayList<>();
        final Map<String, List<String>> relations = new LinkedHashMap<>();
        boolean obsolete;
        final List<String> replacedBy = new ArrayList<>();
        final List<String> consider = new ArrayList<>();
        final List<String> altIds = new ArrayList<>();

        TermBuilder(int line) {
            this.line = line;
        }

        void add(String tag, String value) {
            String[] rest = new String[1];
            switch (tag) {
                case "id" -> id = reference(value);
                case "name" -> name = value;
                case "def" -> definition = quoted(value, rest);
                case "synonym" -> synonyms.add(synonym(quoted(value, rest), rest[0]));
                case "is_a" -> isA.add(reference(value));
                case "relationship" -> {
                    String[] parts = reference(value).split("\\s+");
                    if (parts.length < 2) {
                        throw error("relationship needs a relation and a target, found '" + abbreviate(value) + "'");
                    }
                    relations.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
                }
                case "is_obsolete" -> obsolete = "true".equals(reference(value).toLowerCase(Locale.ROOT));
                case "replaced_by" -> replacedBy.add(reference(value));
                case "consider" -> consider.add(reference(value));
                case "alt_id" -> altIds.add(reference(value));
                default -> {
                    // other tags (xref, subset, comment, property_value ...) carry nothing the engine uses
                }
            }
        }

        private Synonym synonym(String text, String rest) {
            String[] tokens = rest.split("\\s+");
            Synonym.Scope scope = Synonym.Scope.RELATED;
            String type = "";
            int i = 0;
            if (i < tokens.length && !tokens[i].startsWith("[")) {
                try {
                    scope = Synonym.Scope.valueOf(tokens[i].toUpperCase(Locale.ROOT));
                    i++;
                } catch (IllegalArgumentException e) {
                    throw error("unknown synonym scope '" + tokens[i] + "' (expected EXACT, RELATED, BROAD or NARROW)");
                }
            }
            if (i < tokens.length && !tokens[i].isEmpty() && !tokens[i].startsWith("[")) {
                type = tokens[i];
            }
            return new Synonym(text, scope, type);
        }

        OntologyTerm build() {
            return new OntologyTerm(id, name, definition, synonyms, isA, relations, obsolete, replacedBy, consider,
                altIds);
        }
    }
}
