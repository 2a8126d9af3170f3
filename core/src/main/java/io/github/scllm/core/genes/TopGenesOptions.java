package io.github.scllm.core.genes;

import io.github.scllm.core.InvalidInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of the Top Genes stage. Validated on construction, so a selector never sees an impossible combination.
 *
 * @param topN number of genes reported per cell, at least 1 (the method uses 20)
 * @param normalization how values are scaled before ranking and reporting
 * @param exclusionPresets named groups of genes never reported (may be empty)
 * @param exclusionPatterns further regular expressions; a gene whose symbol matches any of them (Java
 *        {@link java.util.regex.Matcher#find()} semantics) is never reported (may be empty)
 * @param highlyVariableGenes if positive, only this many most highly variable genes (computed over all cells in a
 *        first pass) can be reported; 0 turns the restriction off
 * @param hvgFlavor how variability is ranked when {@code highlyVariableGenes > 0}
 */
public record TopGenesOptions(int topN, Normalization normalization, Set<ExclusionPreset> exclusionPresets,
    List<String> exclusionPatterns, int highlyVariableGenes, HvgFlavor hvgFlavor) {

    /** Top 20 genes, no normalisation, no exclusion, no HVG restriction: the method's setting. */
    public static final TopGenesOptions DEFAULTS = new TopGenesOptions(20, Normalization.NONE,
        Set.of(), List.of(), 0, HvgFlavor.SEURAT_DISPERSION);

    /**
     * @throws InvalidInputException if topN is below 1, highlyVariableGenes is negative, a pattern is not a valid
     *         regular expression, or any argument is null
     */
    public TopGenesOptions {
        if (topN < 1) {
            throw new InvalidInputException("Number of top genes is " + topN + "; it must be at least 1 (the method uses 20).");
        }
        if (highlyVariableGenes < 0) {
            throw new InvalidInputException("Number of highly variable genes is " + highlyVariableGenes
                + "; use 0 to turn the restriction off or a positive number such as 2000.");
        }
        if (normalization == null || hvgFlavor == null || exclusionPresets == null || exclusionPatterns == null) {
            throw new InvalidInputException("Top genes options: normalization, HVG flavor, exclusion presets and patterns "
                + "must be given (use empty collections for no exclusion).");
        }
        exclusionPresets = exclusionPresets.isEmpty() ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(exclusionPresets));
        exclusionPatterns = List.copyOf(exclusionPatterns);
        for (String p : exclusionPatterns) {
            compile(p);
        }
    }

    /** @return a copy with another number of top genes */
    public TopGenesOptions withTopN(int n) {
        return new TopGenesOptions(n, normalization, exclusionPresets, exclusionPatterns, highlyVariableGenes, hvgFlavor);
    }

    /** @return a copy with another normalisation */
    public TopGenesOptions withNormalization(Normalization n) {
        return new TopGenesOptions(topN, n, exclusionPresets, exclusionPatterns, highlyVariableGenes, hvgFlavor);
    }

    /** @return a copy excluding the given presets (replacing the previous presets) */
    public TopGenesOptions withExclusionPresets(Set<ExclusionPreset> presets) {
        return new TopGenesOptions(topN, normalization, presets, exclusionPatterns, highlyVariableGenes, hvgFlavor);
    }

    /** @return a copy excluding genes matching the given patterns (replacing the previous patterns) */
    public TopGenesOptions withExclusionPatterns(List<String> patterns) {
        return new TopGenesOptions(topN, normalization, exclusionPresets, patterns, highlyVariableGenes, hvgFlavor);
    }

    /** @return a copy restricted to the {@code count} most highly variable genes ranked by {@code flavor} */
    public TopGenesOptions withHighlyVariableGenes(int count, HvgFlavor flavor) {
        return new TopGenesOptions(topN, normalization, exclusionPresets, exclusionPatterns, count, flavor);
    }

    /**
     * Resolves all exclusion presets and patterns to a mask over a gene vocabulary, once.
     *
     * @param symbols gene symbols in matrix order; null entries are treated as never excluded
     * @return {@code mask[g]} is true when gene {@code g} must never be reported
     */
    public boolean[] exclusionMask(String[] symbols) {
        List<Pattern> patterns = new ArrayList<>();
        for (ExclusionPreset preset : exclusionPresets) {
            for (String p : preset.patterns()) {
                patterns.add(compile(p));
            }
        }
        for (String p : exclusionPatterns) {
            patterns.add(compile(p));
        }
        boolean[] mask = new boolean[symbols.length];
        if (patterns.isEmpty()) {
            return mask;
        }
        for (int g = 0; g < symbols.length; g++) {
            String s = symbols[g];
            if (s == null) {
                continue;
            }
            for (Pattern p : patterns) {
                if (p.matcher(s).find()) {
                    mask[g] = true;
                    break;
                }
            }
        }
        return mask;
    }

    private static Pattern compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidInputException("Gene exclusion pattern is empty; remove it or give a regular expression "
                + "such as ^MT-.");
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("Gene exclusion pattern '" + pattern + "' is not a valid regular expression ("
                + e.getDescription() + "); fix it, e.g. ^MT- for human mitochondrial genes.", e);
        }
    }
}
