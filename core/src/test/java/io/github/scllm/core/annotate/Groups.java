package io.github.scllm.core.annotate;

import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.Ontology;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made groups, a tiny ontology and gene descriptions shared by the annotation tests. */
final class Groups {
    private Groups() {
    }

    /** cell > lymphocyte > {T cell > CD4 T cell, B cell}; cell > monocyte; obsolete X:9. */
    static final Ontology TINY = Ontology.parse(new StringReader("""
        [Term]
        id: X:0
        name: cell
        def: "A material entity." []

        [Term]
        id: X:1
        name: lymphocyte
        def: "A leukocyte of the adaptive immune system." []
        is_a: X:0

        [Term]
        id: X:2
        name: T cell
        def: "A lymphocyte with a thymus derived receptor complex for antigen recognition." []
        synonym: "T lymphocyte" EXACT []
        is_a: X:1

        [Term]
        id: X:3
        name: B cell
        def: "A lymphocyte that makes immunoglobulin antibody." []
        is_a: X:1

        [Term]
        id: X:5
        name: CD4-positive T cell
        def: "A T cell with helper coreceptor." []
        is_a: X:2

        [Term]
        id: X:4
        name: monocyte
        def: "A myeloid phagocyte in blood." []
        is_a: X:0

        [Term]
        id: X:9
        name: obsolete lymphoid thing
        is_obsolete: true
        """), "tiny.obo");

    static final Map<String, String> DESCRIPTIONS = Map.of(
        "CD3E", "Part of the thymus derived receptor complex for antigen recognition.",
        "CD3D", "Receptor complex subunit for antigen recognition, thymus derived.",
        "MS4A1", "Surface molecule of lymphocytes that make immunoglobulin antibody.",
        "CD79A", "Immunoglobulin antibody receptor signalling.",
        "CD14", "Myeloid phagocyte surface antigen of blood.",
        "LYZ", "Lysozyme of myeloid phagocyte granules.",
        "ACTB", "Cytoskeletal actin, ubiquitous.");

    /** @return a marker with statistics: score, log2 fold change, adjusted p */
    static MarkerGene marker(String group, String gene, int rank, double score, double lfc, double padj) {
        return new MarkerGene(group, -1, gene, rank, score, Double.NaN, lfc, padj / 2, padj, 0.8, 0.1, 2, 0.2);
    }

    /** @return significant up-regulated markers with decreasing scores */
    static List<MarkerGene> up(String group, String... genes) {
        List<MarkerGene> out = new ArrayList<>();
        for (String g : genes) {
            int r = out.size() + 1;
            out.add(marker(group, g, r, 20.0 / r, 3.0 / r, 1e-10));
        }
        return out;
    }
}
