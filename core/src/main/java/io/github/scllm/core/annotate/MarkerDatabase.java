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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Marker genes of cell types from a marker database, one {@link Entry} per row, in one of four layouts recognised by
 * their header (tab-separated, optionally gzipped):
 *
 * <ul>
 * <li>{@link Format#PANGLAODB}: {@code official gene symbol}, {@code cell type}, {@code species} ({@code Hs},
 * {@code Mm} or both), {@code organ}, {@code canonical marker}, {@code ubiquitousness index}; evidence = 1 for a
 * canonical marker, 0.5 otherwise, lowered by the ubiquitousness index.</li>
 * <li>{@link Format#CELLMARKER2} (CellMarker 2.0 {@code Cell_marker_All}): {@code cell_name}, {@code cellontology_id}
 * ({@code CL_0000235}), {@code Symbol} (else {@code marker}), {@code species}, {@code tissue_type},
 * {@code uberonongology_id}; evidence = 1 per row, i.e. per publication reporting the marker.</li>
 * <li>{@link Format#ACCORDION} (Cell Marker Accordion): {@code CL_ID}, {@code CL_celltype}, {@code marker},
 * {@code marker_type} ({@code positive}/{@code negative}), {@code species}, {@code Uberon_tissue},
 * {@code Uberon_ID}, {@code original_tissue}, {@code ECs_global}; evidence = ECs_global, the number of source
 * databases listing the marker for the type.</li>
 * <li>{@link Format#PLAIN}: a column {@code cell type} (a name or a CL ID; also {@code cell_type}, {@code celltype},
 * {@code cl_id}, {@code cell ontology id}) and {@code marker} (also {@code gene}, {@code symbol}), optionally
 * {@code weight}, {@code species}, {@code tissue}, {@code negative} (true/1 or "negative").</li>
 * </ul>
 *
 * A species filter keeps the rows of one species (rows without a species are kept); a tissue filter keeps the rows
 * whose tissue contains one of the given names (ignoring case) or whose Uberon ID is one of the given IDs.
 */
public final class MarkerDatabase {
    /** The layouts this class reads. */
    public enum Format {
        PANGLAODB, CELLMARKER2, ACCORDION, PLAIN
    }

    /**
     * One marker of one cell type.
     *
     * @param label the database's cell type name
     * @param termId the database's Cell Ontology ID ({@code CL:…}), or null when it has none
     * @param gene the gene symbol, upper case
     * @param evidence how strongly the database supports the marker, &gt; 0 (see the formats)
     * @param negative whether the gene is listed as not expressed by the type
     * @param tissue the tissue or organ, lower case, or an empty string
     * @param uberonId the tissue's Uberon ID ({@code UBERON:…}), or an empty string
     */
    public record Entry(String label, String termId, String gene, double evidence, boolean negative, String tissue,
        String uberonId) {
    }

    private final String source;
    private final Format format;
    private final List<Entry> entries;

    private MarkerDatabase(String source, Format format, List<Entry> entries) {
        this.source = source;
        this.format = format;
        this.entries = List.copyOf(entries);
    }

    /** @return where the markers were read from */
    public String source() {
        return source;
    }

    /** @return the layout recognised */
    public Format format() {
        return format;
    }

    /** @return the markers kept by the filters, in file order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Reads a marker database, recognising its layout by the header.
     *
     * @param file the table, optionally gzipped
     * @param species {@code human}, {@code mouse}, or null/blank for every row
     * @param tissues tissue names or Uberon IDs to keep, or empty for every row
     * @return the database
     * @throws InvalidInputException if the file is missing, its layout is not recognised, or no row passes the filters
     */
    public static MarkerDatabase read(Path file, String species, Set<String> tissues) {
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
            BufferedReader in = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
            String first = in.readLine();
            if (first == null) {
                throw new InvalidInputException("Marker database " + file + " is empty.");
            }
            header = Arrays.asList(first.replace("\uFEFF", "").split("\t", -1));
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                if (!row.isBlank()) {
                    rows.add(Arrays.asList(row.split("\t", -1)));
                }
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Marker database " + file + " does not exist.");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read marker database " + file + ": " + e.getMessage(), e);
        }
        return fromTable(file.toString(), header, rows, species, tissues);
    }

    /**
     * Builds a database from a table's cells (e.g. a KNIME table), recognising the layout by the column names.
     *
     * @param source a name for messages
     * @param header the column names
     * @param rows each row's cells as text, in column order
     * @param species {@code human}, {@code mouse}, or null/blank for every row
     * @param tissues tissue names or Uberon IDs to keep, or empty for every row
     * @return the database
     * @throws InvalidInputException if the layout is not recognised, the species is unknown or no row remains
     */
    public static MarkerDatabase fromTable(String source, List<String> header, List<List<String>> rows,
        String species, Set<String> tissues) {
        Columns c = new Columns(header);
        Format format = c.format(source);
        String wanted = speciesName(species);
        Set<String> wantedTissues = new LinkedHashSet<>();
        tissues.forEach(t -> {
            if (!t.isBlank()) {
                wantedTissues.add(t.strip().toLowerCase(Locale.ROOT).replace('_', ':'));
            }
        });
        List<Entry> out = new ArrayList<>();
        Set<String> seenTissues = new TreeSet<>();
        Set<String> seenSpecies = new TreeSet<>();
        for (List<String> r : rows) {
            String sp = c.get(r, "species");
            seenSpecies.add(sp);
            if (wanted != null && !sp.isEmpty() && !speciesMatches(sp, wanted)) {
                continue;
            }
            Entry e = c.entry(format, r);
            if (e == null) {
                continue;
            }
            seenTissues.add(e.tissue());
            if (wantedTissues.isEmpty() || tissueMatches(e, wantedTissues)) {
                out.add(e);
            }
        }
        if (out.isEmpty()) {
            seenTissues.remove("");
            throw new InvalidInputException("No marker of " + source + " (" + format.name().toLowerCase(Locale.ROOT)
                + " layout) is left for species " + (wanted == null ? "any" : wanted) + " (the table has "
                + seenSpecies + ") and tissues " + (wantedTissues.isEmpty() ? "any" : wantedTissues) + ". Tissues in "
                + "the table: " + abbreviate(seenTissues) + ".");
        }
        return new MarkerDatabase(source, format, out);
    }

    private static String abbreviate(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        return l.size() <= 30 ? l.toString() : l.subList(0, 30) + " and " + (l.size() - 30) + " more";
    }

    /**
     * @param entry a marker
     * @param tissues lower-case tissue names or Uberon IDs ({@code uberon:…})
     * @return whether the marker's tissue is one of them: same Uberon ID, or a name contained in the other
     */
    static boolean tissueMatches(Entry entry, Set<String> tissues) {
        String uberon = entry.uberonId().toLowerCase(Locale.ROOT);
        for (String t : tissues) {
            if (t.startsWith("uberon:") ? t.equals(uberon) : tissueNameMatches(entry.tissue(), t)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether two lower-case tissue names are the same or one contains the other as whole words */
    static boolean tissueNameMatches(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        String x = " " + a.replaceAll("[^a-z0-9]+", " ").strip() + " ";
        String y = " " + b.replaceAll("[^a-z0-9]+", " ").strip() + " ";
        return x.contains(y) || y.contains(x);
    }

    private static String speciesName(String species) {
        if (species == null || species.isBlank()) {
            return null;
        }
        return switch (species.strip().toLowerCase(Locale.ROOT)) {
            case "human", "hs", "homo sapiens" -> "human";
            case "mouse", "mm", "mus musculus" -> "mouse";
            default -> throw new InvalidInputException("Unknown species '" + species + "' for the marker database: "
                + "use human or mouse.");
        };
    }

    private static boolean speciesMatches(String cell, String wanted) {
        for (String s : cell.toLowerCase(Locale.ROOT).split("[\\s,;]+")) {
            if (s.equals(wanted) || s.equals(wanted.equals("human") ? "hs" : "mm")
                || s.equals(wanted.equals("human") ? "homo" : "mus")) {
                return true;
            }
        }
        return false;
    }

    /** Column positions of one header. */
    private static final class Columns {
        private final List<String> names;

        Columns(List<String> header) {
            names = header.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        }

        int index(String... candidates) {
            for (String c : candidates) {
                int i = names.indexOf(c);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }

        String get(List<String> row, String... candidates) {
            int i = index(candidates);
            return i >= 0 && i < row.size() ? row.get(i).strip() : "";
        }

        Format format(String source) {
            if (index("cl_id") >= 0 && index("marker") >= 0 && index("ecs_global") >= 0) {
                return Format.ACCORDION;
            }
            if (index("cell_name") >= 0 && index("cellontology_id") >= 0) {
                return Format.CELLMARKER2;
            }
            if (index("official gene symbol") >= 0 && index("cell type") >= 0) {
                return Format.PANGLAODB;
            }
            if (index(PLAIN_TYPE) >= 0 && index(PLAIN_GENE) >= 0) {
                return Format.PLAIN;
            }
            throw new InvalidInputException("The marker table " + source + " is in no known layout; its columns are "
                + names + ". Give PanglaoDB, CellMarker 2.0 (cell_name, cellontology_id, Symbol), Cell Marker Accordion "
                + "(CL_ID, marker, ECs_global) or a plain table with the columns 'cell type' (name or CL ID) and "
                + "'marker', optionally 'weight', 'species', 'tissue', 'negative'.");
        }

        private static final String[] PLAIN_TYPE = {"cell type", "cell_type", "celltype", "cl_id", "cell ontology id",
            "cell_ontology_id"};
        private static final String[] PLAIN_GENE = {"marker", "gene", "symbol", "gene symbol"};

        /** @return the row's entry, or null when it names no gene or type */
        Entry entry(Format format, List<String> r) {
            return switch (format) {
                case PANGLAODB -> {
                    double ubiquity = number(get(r, "ubiquitousness index"), 0);
                    boolean canonical = get(r, "canonical marker").equals("1");
                    double w = (canonical ? 1.0 : 0.5) * (1 - Math.min(0.9, Math.max(0, ubiquity)));
                    yield entry(get(r, "cell type"), null, get(r, "official gene symbol"), w, false, get(r, "organ"),
                        "");
                }
                case CELLMARKER2 -> {
                    String symbol = get(r, "symbol");
                    yield entry(get(r, "cell_name"), clId(get(r, "cellontology_id")), symbol.isEmpty()
                        || symbol.equals("NA") ? get(r, "marker") : symbol, 1, false, get(r, "tissue_type"),
                        get(r, "uberonongology_id"));
                }
                case ACCORDION -> entry(get(r, "cl_celltype"), clId(get(r, "cl_id")), get(r, "marker"),
                    Math.max(1, number(get(r, "ecs_global"), 1)), get(r, "marker_type").equalsIgnoreCase("negative"),
                    get(r, "uberon_tissue"), get(r, "uberon_id"));
                case PLAIN -> {
                    String type = get(r, PLAIN_TYPE);
                    String id = clId(type);
                    String neg = get(r, "negative", "marker_type").toLowerCase(Locale.ROOT);
                    double w = number(get(r, "weight", "evidence"), 1);
                    yield w > 0 ? entry(type, id, get(r, PLAIN_GENE), w, neg.equals("true") || neg.equals("1")
                        || neg.equals("negative"), get(r, "tissue", "organ"), get(r, "uberon_id")) : null;
                }
            };
        }

        private static Entry entry(String label, String id, String gene, double evidence, boolean negative,
            String tissue, String uberon) {
            String g = gene.strip().toUpperCase(Locale.ROOT);
            if (g.isEmpty() || g.equals("NA") || (label.isBlank() && id == null) || !(evidence > 0)) {
                return null;
            }
            return new Entry(label.strip(), id, g, evidence, negative, tissue.strip().toLowerCase(Locale.ROOT),
                uberon.strip().replace('_', ':').toUpperCase(Locale.ROOT));
        }

        /** @return {@code CL:0000235} for {@code CL_0000235} or {@code CL:0000235}, null for anything else */
        private static String clId(String s) {
            String t = s.strip();
            return t.matches("(?i)CL[:_]\\d{7}") ? "CL:" + t.substring(3) : null;
        }

        private static double number(String s, double otherwise) {
            try {
                return s.isEmpty() || s.equalsIgnoreCase("NA") ? otherwise : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
    }
}
