package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Marker genes per reference cell type, read from a table in PanglaoDB's layout: tab-separated with a header naming
 * at least {@code official gene symbol} and {@code cell type}, and optionally {@code species} ({@code Hs}, {@code Mm}
 * or both), {@code organ}, {@code canonical marker} (1/0) and {@code ubiquitousness index} (0 = specific to few cell
 * types). Gene symbols are compared case-insensitively, so human-style symbols match mouse data.
 */
public final class ReferenceMarkers {
    private static final String SYMBOL = "official gene symbol";
    private static final String TYPE = "cell type";
    private static final String SPECIES = "species";
    private static final String ORGAN = "organ";
    private static final String CANONICAL = "canonical marker";
    private static final String UBIQUITOUSNESS = "ubiquitousness index";

    /**
     * One marker of a cell type.
     *
     * @param symbol the gene symbol, upper case
     * @param canonical whether the table marks it as a canonical marker
     * @param weight its weight in overlap scores, in (0, 1]: 1 for a canonical marker found in no other cell type,
     *        halved for non-canonical markers, lowered by the ubiquitousness index
     */
    public record Gene(String symbol, boolean canonical, double weight) {
    }

    /**
     * One row of a PanglaoDB-format table.
     *
     * @param symbol the gene symbol
     * @param cellType the cell type label
     * @param species {@code Hs}, {@code Mm}, both separated by a space, or an empty string for any
     * @param organ the organ, or an empty string
     * @param canonical whether it is a canonical marker
     * @param ubiquitousness the ubiquitousness index (0 = specific), 0 when unknown
     */
    public record Row(String symbol, String cellType, String species, String organ, boolean canonical,
        double ubiquitousness) {

        /** @return the marker with its weight: 1 for canonical, 0.5 otherwise, lowered by the ubiquitousness */
        Gene gene() {
            double w = (canonical ? 1.0 : 0.5) * (1 - Math.min(0.9, Math.max(0, ubiquitousness)));
            return new Gene(symbol.strip(), canonical, w);
        }

        boolean keep(String speciesCode, Set<String> organs) {
            if (symbol == null || symbol.isBlank() || cellType == null || cellType.isBlank()) {
                return false;
            }
            String sp = species == null ? "" : species.strip();
            if (speciesCode != null && !sp.isEmpty() && !Arrays.asList(sp.split("\\s+")).contains(speciesCode)) {
                return false;
            }
            return organs.isEmpty() || organs.contains((organ == null ? "" : organ.strip()).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Builds a reference from rows (e.g. a table a user gave in KNIME), filtered as {@link #readPanglao} filters.
     *
     * @param rows the rows
     * @param species {@code human}, {@code mouse}, or null/blank for all rows
     * @param organs organ names to keep (case-insensitive), or empty for all
     * @return the markers of the cell types that remain
     * @throws InvalidInputException if the species is unknown or no row remains
     */
    public static ReferenceMarkers fromRows(List<Row> rows, String species, Set<String> organs) {
        String code = speciesCode(species);
        Set<String> wanted = new LinkedHashSet<>();
        organs.forEach(o -> wanted.add(o.strip().toLowerCase(Locale.ROOT)));
        Map<String, List<Gene>> byType = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.keep(code, wanted)) {
                byType.computeIfAbsent(r.cellType().strip(), t -> new ArrayList<>()).add(r.gene());
            }
        }
        if (byType.isEmpty()) {
            throw new InvalidInputException("No reference marker is left for species " + (code == null ? "any"
                : species) + " and organs " + (wanted.isEmpty() ? "any" : wanted) + " among " + rows.size()
                + " rows; check the species, the organs and the table's columns.");
        }
        return of(byType);
    }

    private final Map<String, List<Gene>> byType;
    private final Set<String> genes;

    private ReferenceMarkers(Map<String, List<Gene>> byType) {
        this.byType = Collections.unmodifiableMap(byType);
        Set<String> all = new TreeSet<>();
        byType.values().forEach(list -> list.forEach(g -> all.add(g.symbol())));
        this.genes = Collections.unmodifiableSet(all);
    }

    /**
     * @param markers per cell type label, the markers in any order; duplicates of a symbol keep the first
     * @return a reference built in memory (e.g. from a table a user supplied in KNIME)
     * @throws InvalidInputException if it is empty
     */
    public static ReferenceMarkers of(Map<String, List<Gene>> markers) {
        Map<String, List<Gene>> copy = new LinkedHashMap<>();
        markers.forEach((type, list) -> {
            Map<String, Gene> unique = new LinkedHashMap<>();
            for (Gene g : list) {
                unique.putIfAbsent(g.symbol().toUpperCase(Locale.ROOT), new Gene(g.symbol().toUpperCase(Locale.ROOT),
                    g.canonical(), g.weight()));
            }
            if (!unique.isEmpty()) {
                copy.put(type, List.copyOf(unique.values()));
            }
        });
        if (copy.isEmpty()) {
            throw new InvalidInputException("The reference marker table has no cell type with markers.");
        }
        return new ReferenceMarkers(copy);
    }

    /**
     * Reads a PanglaoDB-format table (optionally gzipped).
     *
     * @param file the table
     * @param species {@code human}, {@code mouse}, or {@code null}/blank for all rows
     * @param organs organ names to keep (case-insensitive), or empty for all organs
     * @return the markers of the cell types that remain
     * @throws InvalidInputException if the file is missing, lacks a required column, the species is unknown, or no
     *         row passes the filters (the message lists the organs available)
     */
    public static ReferenceMarkers readPanglao(Path file, String species, Set<String> organs) {
        String code = speciesCode(species);
        Set<String> wantedOrgans = new LinkedHashSet<>();
        organs.forEach(o -> wantedOrgans.add(o.trim().toLowerCase(Locale.ROOT)));
        Map<String, List<Gene>> byType = new LinkedHashMap<>();
        Set<String> seenOrgans = new TreeSet<>();
        try (InputStream raw = Files.newInputStream(file);
            BufferedReader in = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidInputException("Reference marker table " + file + " is empty.");
            }
            List<String> names = Arrays.stream(header.replace("\uFEFF", "").split("\t", -1))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            int symbolCol = required(names, SYMBOL, file);
            int typeCol = required(names, TYPE, file);
            int speciesCol = names.indexOf(SPECIES);
            int organCol = names.indexOf(ORGAN);
            int canonicalCol = names.indexOf(CANONICAL);
            int ubiquityCol = names.indexOf(UBIQUITOUSNESS);
            int line = 1;
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                line++;
                if (row.isBlank()) {
                    continue;
                }
                String[] f = row.split("\t", -1);
                if (f.length <= Math.max(symbolCol, typeCol)) {
                    throw new InvalidInputException(file + ", line " + line + ": " + f.length + " fields, the header "
                        + names.size() + ". The table must be tab-separated.");
                }
                String organ = field(f, organCol);
                seenOrgans.add(organ);
                Row r = new Row(f[symbolCol], f[typeCol], field(f, speciesCol), organ, "1".equals(field(f,
                    canonicalCol)), number(field(f, ubiquityCol)));
                if (r.keep(code, wantedOrgans)) {
                    byType.computeIfAbsent(r.cellType().strip(), t -> new ArrayList<>()).add(r.gene());
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Reference marker table " + file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read reference marker table " + file + ": " + e.getMessage(), e);
        }
        if (byType.isEmpty()) {
            seenOrgans.remove("");
            throw new InvalidInputException("No marker of " + file + " is left for species " + (code == null ? "any"
                : species) + " and organs " + (wantedOrgans.isEmpty() ? "any" : wantedOrgans) + ". Organs in the "
                + "table: " + seenOrgans + ".");
        }
        return of(byType);
    }

    /**
     * Builds a reference from a table's cells (e.g. a KNIME table) in PanglaoDB's layout: columns named (ignoring
     * case) {@code official gene symbol} and {@code cell type}, optionally {@code species}, {@code organ},
     * {@code canonical marker} and {@code ubiquitousness index}.
     *
     * @param header the column names
     * @param rows the rows' cells as text, in column order (missing cells as empty strings)
     * @param species {@code human}, {@code mouse}, or null/blank for all rows
     * @param organs organ names to keep, or empty for all
     * @return the reference
     * @throws InvalidInputException if a required column is missing, the species is unknown or no row remains
     */
    public static ReferenceMarkers fromTable(List<String> header, List<List<String>> rows, String species,
        Set<String> organs) {
        List<String> names = header.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int symbol = names.indexOf(SYMBOL);
        int type = names.indexOf(TYPE);
        if (symbol < 0 || type < 0) {
            throw new InvalidInputException("The reference marker table needs the columns '" + SYMBOL + "' and '"
                + TYPE + "' (PanglaoDB layout); its columns are " + header + ".");
        }
        int sp = names.indexOf(SPECIES);
        int organ = names.indexOf(ORGAN);
        int canonical = names.indexOf(CANONICAL);
        int ubiquity = names.indexOf(UBIQUITOUSNESS);
        List<Row> out = new ArrayList<>();
        for (List<String> r : rows) {
            String[] f = r.toArray(String[]::new);
            out.add(new Row(field(f, symbol), field(f, type), field(f, sp), field(f, organ),
                "1".equals(field(f, canonical)) || "true".equalsIgnoreCase(field(f, canonical)),
                number(field(f, ubiquity))));
        }
        return fromRows(out, species, organs);
    }

    private static String speciesCode(String species) {
        if (species == null || species.isBlank()) {
            return null;
        }
        return switch (species.trim().toLowerCase(Locale.ROOT)) {
            case "human", "hs", "homo sapiens" -> "Hs";
            case "mouse", "mm", "mus musculus" -> "Mm";
            default -> throw new InvalidInputException("Unknown species '" + species + "' for the reference markers: "
                + "use human or mouse.");
        };
    }

    private static int required(List<String> names, String column, Path file) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new InvalidInputException("Reference marker table " + file + " has no column '" + column
                + "'. Columns: " + names + ". Use PanglaoDB's layout.");
        }
        return i;
    }

    private static String field(String[] f, int col) {
        return col >= 0 && col < f.length ? f[col].trim() : "";
    }

    private static double number(String s) {
        try {
            return s.isEmpty() ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the cell type labels, in table order */
    public List<String> cellTypes() {
        return List.copyOf(byType.keySet());
    }

    /** @return the markers of a cell type, empty for an unknown label */
    public List<Gene> markers(String cellType) {
        return byType.getOrDefault(cellType, List.of());
    }

    /** @return every marker symbol of every cell type, upper case */
    public Set<String> genes() {
        return genes;
    }
}
