package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;

import java.util.Locale;
import java.util.regex.Pattern;

/** Organism presets and NCBI taxonomy IDs, and recognition of Ensembl gene IDs. */
public final class Organism {
    /** NCBI taxonomy ID of Homo sapiens. */
    public static final int HUMAN = 9606;
    /** NCBI taxonomy ID of Mus musculus. */
    public static final int MOUSE = 10090;

    private static final Pattern ENSEMBL_GENE = Pattern.compile("ENS[A-Z]*G\\d{6,}(\\.\\d+)?", Pattern.CASE_INSENSITIVE);

    private Organism() {
    }

    /**
     * Resolves an organism given by preset name or taxonomy ID.
     *
     * @param presetOrTaxon {@code human}, {@code mouse} (also their Latin names, any case) or a positive NCBI taxonomy
     *        ID such as {@code 10116}
     * @return the taxonomy ID
     * @throws InvalidInputException if the value is neither a preset nor a positive integer
     */
    public static int taxon(String presetOrTaxon) {
        String v = presetOrTaxon == null ? "" : presetOrTaxon.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "human":
            case "homo sapiens":
                return HUMAN;
            case "mouse":
            case "mus musculus":
                return MOUSE;
            default:
                break;
        }
        try {
            int t = Integer.parseInt(v.startsWith("txid") ? v.substring(4) : v);
            if (t > 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("Unknown organism '" + presetOrTaxon
            + "': use human, mouse or an NCBI taxonomy ID such as 9606 or 10116.");
    }

    /**
     * @param symbol a gene identifier
     * @return whether it looks like an Ensembl gene ID (ENSG..., ENSMUSG..., optionally with a version suffix)
     */
    public static boolean isEnsemblGeneId(String symbol) {
        return symbol != null && ENSEMBL_GENE.matcher(symbol).matches();
    }

    /** @return the Ensembl ID upper-cased and without its version suffix ({@code ENSG00000121410.12 -> ENSG00000121410}) */
    static String ensemblKey(String id) {
        String u = id.toUpperCase(Locale.ROOT);
        int dot = u.indexOf('.');
        return dot < 0 ? u : u.substring(0, dot);
    }

    /** @return the case-insensitive key of a symbol (the method upper-cases symbols) */
    static String key(String symbol) {
        return Organism.isEnsemblGeneId(symbol) ? ensemblKey(symbol) : symbol.toUpperCase(Locale.ROOT);
    }
}
