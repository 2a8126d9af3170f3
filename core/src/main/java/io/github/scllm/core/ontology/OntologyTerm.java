package io.github.scllm.core.ontology;

import java.util.List;
import java.util.Map;

/**
 * One {@code [Term]} stanza.
 *
 * @param id the term's ID, e.g. {@code CL:0000084}
 * @param name its name, e.g. {@code T cell}; empty when the stanza has none
 * @param definition the text of its {@code def:} line without references, or an empty string
 * @param synonyms its synonyms in file order
 * @param isA the IDs of its {@code is_a} parents
 * @param relations its {@code relationship:} targets by relation name (e.g. {@code part_of}, {@code develops_from})
 * @param obsolete whether the term is marked {@code is_obsolete: true}
 * @param replacedBy the terms to use instead of an obsolete term
 * @param consider terms suggested for an obsolete term
 * @param altIds alternative IDs that denote this term
 */
public record OntologyTerm(String id, String name, String definition, List<Synonym> synonyms, List<String> isA,
    Map<String, List<String>> relations, boolean obsolete, List<String> replacedBy, List<String> consider,
    List<String> altIds) {

    public OntologyTerm {
        synonyms = List.copyOf(synonyms);
        isA = List.copyOf(isA);
        relations = Map.copyOf(relations);
        replacedBy = List.copyOf(replacedBy);
        consider = List.copyOf(consider);
        altIds = List.copyOf(altIds);
    }

    /** @return the targets of {@code relationship: part_of} */
    public List<String> partOf() {
        return relations.getOrDefault("part_of", List.of());
    }

    /** @return the parents under the given hierarchy, is_a first */
    public List<String> parents(Hierarchy hierarchy) {
        if (hierarchy == Hierarchy.IS_A || partOf().isEmpty()) {
            return isA;
        }
        java.util.ArrayList<String> all = new java.util.ArrayList<>(isA);
        for (String p : partOf()) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }
}
