package io.github.scllm.core.annotate;

import io.github.scllm.core.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One expert rule: a cell type (a Cell Ontology ID or a label that resolves to one) with the markers a group of that
 * type must show and the markers it must not show, and free-text notes for the reader (and for a language model's
 * prompt). A rule on a term also binds every descendant of the term: a rule on "T cell" applies to a call of "CD4-positive,
 * alpha-beta T cell".
 *
 * @param cellType a term ID such as {@code CL:0000084} or a label such as {@code T cell}; not blank
 * @param required genes that must be among the group's significant up-regulated markers, upper case
 * @param excluding genes that must not be among them, upper case
 * @param notes free text, or an empty string
 */
public record ExpertRule(String cellType, List<String> required, List<String> excluding, String notes) {

    /**
     * @throws InvalidInputException if the cell type is blank, the rule names no marker, or a gene is both required
     *         and excluding
     */
    public ExpertRule {
        if (cellType == null || cellType.isBlank()) {
            throw new InvalidInputException("An expert rule has no cell type: give a CL ID or a cell type name.");
        }
        cellType = cellType.strip();
        required = symbols(required);
        excluding = symbols(excluding);
        notes = notes == null ? "" : notes.strip();
        if (required.isEmpty() && excluding.isEmpty()) {
            throw new InvalidInputException("The expert rule for '" + cellType + "' names neither required nor "
                + "excluding markers; give at least one gene.");
        }
        for (String g : required) {
            if (excluding.contains(g)) {
                throw new InvalidInputException("The expert rule for '" + cellType + "' lists " + g + " as both "
                    + "required and excluding marker; keep it in one list.");
            }
        }
    }

    private static List<String> symbols(List<String> genes) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (genes != null) {
            for (String g : genes) {
                if (g != null && !g.isBlank()) {
                    out.add(Grounding.key(g));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param text genes separated by commas, semicolons, pipes or white space; may be null or blank
     * @return the genes, in order, without blanks
     */
    public static List<String> parseGenes(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String g : text.split("[,;|\\s]+")) {
                if (!g.isBlank()) {
                    out.add(g.strip());
                }
            }
        }
        return out;
    }

    /** @return the rule as one line for a prompt or a note, e.g. "T cell: requires CD3E; excludes CD19 (notes)" */
    public String describe() {
        StringBuilder sb = new StringBuilder(cellType).append(':');
        if (!required.isEmpty()) {
            sb.append(" requires ").append(String.join(", ", required));
        }
        if (!excluding.isEmpty()) {
            sb.append(required.isEmpty() ? "" : ";").append(" excludes ").append(String.join(", ", excluding));
        }
        if (!notes.isEmpty()) {
            sb.append(" (").append(notes).append(')');
        }
        return sb.toString();
    }
}
