package io.github.scllm.core.genes;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Gene symbols that look like another organism's than the one chosen: most of them are official symbols of the other
 * organism as spelled (mouse capitalises Cd3e where human writes CD3E) and few of the chosen one's. Described with the
 * wrong organism, such genes find few or wrong descriptions without any error, so the user hears of it.
 *
 * @param chosen taxonomy ID chosen by the user
 * @param likely taxonomy ID the symbols look like
 * @param symbols distinct symbols looked at
 * @param chosenMatches how many are official symbols of the chosen organism as spelled
 * @param likelyMatches how many are official symbols of the likely organism as spelled
 * @param example one symbol of the likely organism
 */
public record OrganismMismatch(int chosen, int likely, int symbols, int chosenMatches, int likelyMatches,
    String example) {

    /**
     * @param symbols gene symbols as the data spell them
     * @param taxon the organism chosen; only human and mouse, whose symbol lists ship with the build, are checked
     * @return the mismatch when at least a fifth of the symbols belong to the other organism and more than twice as
     *         many as to the chosen one
     */
    public static Optional<OrganismMismatch> check(Collection<String> symbols, int taxon) {
        if (taxon != Organism.HUMAN && taxon != Organism.MOUSE) {
            return Optional.empty();
        }
        int other = taxon == Organism.HUMAN ? Organism.MOUSE : Organism.HUMAN;
        OfficialSymbols chosenList = OfficialSymbols.shipped(taxon).orElseThrow();
        OfficialSymbols otherList = OfficialSymbols.shipped(other).orElseThrow();
        Set<String> distinct = new LinkedHashSet<>();
        for (String s : symbols) {
            if (s != null && !s.isBlank() && !Organism.isEnsemblGeneId(s.strip())) {
                distinct.add(s.strip());
            }
        }
        int own = 0;
        int foreign = 0;
        String example = null;
        for (String s : distinct) {
            if (chosenList.containsAsSpelled(s)) {
                own++;
            } else if (otherList.containsAsSpelled(s)) {
                foreign++;
                example = example == null ? s : example;
            }
        }
        if (foreign * 5 >= distinct.size() && foreign > 2 * own && foreign > 0) {
            return Optional.of(new OrganismMismatch(taxon, other, distinct.size(), own, foreign, example));
        }
        return Optional.empty();
    }

    /**
     * @param setting how the user sets the organism where the warning shows, with {@code %s} for the organism's name,
     *        e.g. {@code --organism %s} or {@code the Organism option to %s}
     * @return the warning
     */
    public String message(String setting) {
        return likelyMatches + " of " + symbols + " gene symbols are " + name(likely) + " symbols as spelled (e.g. "
            + example + ") and only " + chosenMatches + " are " + name(chosen) + " ones, but the organism is "
            + name(chosen) + ": their descriptions will be few or wrong. If the cells are " + name(likely) + ", set "
            + String.format(setting, name(likely)) + ".";
    }

    private static String name(int taxon) {
        return taxon == Organism.HUMAN ? "human" : "mouse";
    }
}
