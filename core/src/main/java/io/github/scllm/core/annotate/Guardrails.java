package io.github.scllm.core.annotate;

import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyTerm;

import java.util.List;
import java.util.Optional;

/** Ontology checks that every method's roll-up uses. */
final class Guardrails {
    private Guardrails() {
    }

    /** @return whether two terms share an is_a parent */
    static boolean siblings(Ontology ontology, String a, String b) {
        List<String> pa = ontology.term(a).map(OntologyTerm::isA).orElse(List.of());
        List<String> pb = ontology.term(b).map(OntologyTerm::isA).orElse(List.of());
        return pa.stream().anyMatch(pb::contains);
    }

    /** @return the first lowest common ancestor of two terms, if they share one */
    static Optional<String> lowestCommonAncestor(Ontology ontology, String a, String b) {
        List<String> lca = ontology.lowestCommonAncestors(a, b);
        return lca.isEmpty() ? Optional.empty() : Optional.of(lca.get(0));
    }

    /** @return the value clamped to [0, 1], 0 for NaN */
    static double unit(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
