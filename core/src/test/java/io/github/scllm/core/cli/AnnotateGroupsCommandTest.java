package io.github.scllm.core.cli;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.annotate.BagOfWordsEmbedder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnnotateGroupsCommandTest {
    private static final String OBO = """
        [Term]
        id: CL:0000000
        name: cell
        def: "A material entity." []

        [Term]
        id: CL:0000548
        name: animal cell
        is_a: CL:0000000

        [Term]
        id: CL:0000542
        name: lymphocyte
        def: "A leukocyte of the adaptive immune system." []
        is_a: CL:0000548

        [Term]
        id: CL:0000084
        name: T cell
        def: "A lymphocyte with a thymus derived receptor complex for antigen recognition." []
        is_a: CL:0000542

        [Term]
        id: CL:0000236
        name: B cell
        def: "A lymphocyte that makes immunoglobulin antibody." []
        is_a: CL:0000542

        [Term]
        id: CL:0000576
        name: monocyte
        def: "A myeloid phagocyte in blood." []
        is_a: CL:0000548
        """;

    private static final String MARKERS = "group\trank\tgene\tscore\tlogfoldchange\tpvalue\tpvalue_adj\n"
        + "t\t1\tCD3E\t20\t3\t1e-12\t1e-10\nt\t2\tCD3D\t18\t2.5\t1e-12\t1e-10\nt\t3\tCD2\t15\t2\t1e-10\t1e-8\n"
        + "t\t4\tCD14\t12\t2\t1e-9\t1e-7\n"
        + "b\t1\tMS4A1\t20\t3\t1e-12\t1e-10\nb\t2\tCD79A\t18\t3\t1e-12\t1e-10\nb\t3\tCD19\t15\t2\t1e-10\t1e-8\n"
        + "m\t1\tCD14\t20\t3\t1e-12\t1e-10\nm\t2\tLYZ\t18\t3\t1e-12\t1e-10\nm\t3\tFCGR3A\t9\t1\t1e-10\t1e-8\n";

    private static final String PANGLAO = "species\tofficial gene symbol\tcell type\tubiquitousness index\t"
        + "canonical marker\torgan\n"
        + "Hs\tCD3E\tT cells\t0.01\t1\tImmune system\nHs\tCD3D\tT cells\t0.01\t1\tImmune system\n"
        + "Hs\tCD2\tT cells\t0.01\t1\tImmune system\nHs\tMS4A1\tB cells\t0.01\t1\tImmune system\n"
        + "Hs\tCD79A\tB cells\t0.01\t1\tImmune system\nHs\tCD19\tB cells\t0.01\t1\tImmune system\n"
        + "Hs\tCD14\tMonocytes\t0.01\t1\tImmune system\nHs\tLYZ\tMonocytes\t0.01\t1\tImmune system\n"
        + "Hs\tFCGR3A\tMonocytes\t0.01\t0\tImmune system\n" + neurons();

    /** Forty markers of an unrelated type, so that the gene universe is large enough for significance. */
    private static String neurons() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            sb.append("Hs\tNEUROGENE").append(i).append("\tNeurons\t0.01\t1\tBrain\n");
        }
        return sb.toString();
    }

    private static final String SUMMARIES = "Symbol\tGene_summary\n"
        + "CD3E\tPart of the thymus derived receptor complex for antigen recognition.\n"
        + "CD3D\tReceptor complex subunit for antigen recognition, thymus derived.\n"
        + "MS4A1\tSurface molecule of lymphocytes that make immunoglobulin antibody.\n"
        + "CD79A\tImmunoglobulin antibody receptor signalling.\n"
        + "CD14\tMyeloid phagocyte surface antigen of blood.\n"
        + "LYZ\tLysozyme of myeloid phagocyte granules.\n";

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        ((AnnotateGroupsCommand) cl.getSubcommands().get("annotate-groups").getCommand()).embedders =
            (options, threads) -> new BagOfWordsEmbedder();
        ((BenchmarkAnnotationCommand) cl.getSubcommands().get("benchmark-annotation").getCommand()).embedders =
            (options, threads) -> new BagOfWordsEmbedder();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void referenceMethodWritesOneCheckedCallPerGroupAndRulesRejectContradictedCalls(@TempDir Path dir)
        throws IOException {
        Path out = dir.resolve("calls.tsv");
        Path rules = write(dir, "rules.tsv", "cell type\trequired markers\texcluding markers\tnotes\n"
            + "T cell\tCD3E\tCD14\tmonocyte contamination\n");
        Run r = run("annotate-groups", "--markers", write(dir, "m.tsv", MARKERS).toString(), "--ontology",
            write(dir, "cl.obo", OBO).toString(), "--method", "reference", "--reference-markers",
            write(dir, "panglao.tsv", PANGLAO).toString(), "--rules", rules.toString(), "--species", "human",
            "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("group\tmethod\tstatus\tcl_id"), lines.get(0));
        String[] t = lines.get(1).split("\t", -1);
        assertEquals(List.of("t", "reference", "rejected", "CL:0000084", "T cell"), List.of(t).subList(0, 5));
        assertTrue(t[8].contains("excluding marker CD14"), t[8]);
        assertEquals("", t[6], "a rejected call carries no confidence");
        String[] b = lines.get(2).split("\t", -1);
        assertEquals("CL:0000236", b[3]);
        assertEquals("accepted", b[2]);
        assertTrue(Double.parseDouble(b[6]) > 0, b[6]);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.at("/annotations/0/confidence").isNull(), json.at("/annotations/0").toString());
        assertTrue(json.at("/annotations/1/confidence").isNumber());
        assertEquals(3, json.get("groups").asInt());
        assertEquals("m", json.at("/annotations/2/group").asText());
        assertEquals("CL:0000576", json.at("/annotations/2/cl_id").asText());
    }

    @Test
    void embeddingMethodReadsDescriptionsAndCallsEachGroup(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("calls.tsv");
        Run r = run("annotate-groups", "--markers", write(dir, "m.tsv", MARKERS).toString(), "--ontology",
            write(dir, "cl.obo", OBO).toString(), "--method", "embedding", "--descriptions",
            write(dir, "summaries.tsv", SUMMARIES).toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("CL:0000084", lines.get(1).split("\t")[3], lines.get(1));
        assertEquals("CL:0000236", lines.get(2).split("\t")[3], lines.get(2));
        assertEquals("CL:0000576", lines.get(3).split("\t")[3], lines.get(3));
        assertEquals("embedding", lines.get(1).split("\t")[1]);
    }

    @Test
    void missingMethodInputsAreUsageErrors(@TempDir Path dir) throws IOException {
        Run r = run("annotate-groups", "--markers", write(dir, "m.tsv", MARKERS).toString(), "--ontology",
            write(dir, "cl.obo", OBO).toString(), "--method", "reference", "--out", dir.resolve("o.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("--reference-markers"), r.err());
        assertTrue(Files.notExists(dir.resolve("o.tsv")));
        Run llm = run("annotate-groups", "--markers", write(dir, "m.tsv", MARKERS).toString(), "--ontology",
            dir.resolve("cl.obo").toString(), "--method", "llm", "--llm-provider", "openai-compatible",
            "--out", dir.resolve("o.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, llm.code());
        assertTrue(llm.err().contains("base URL"), llm.err());
    }

    private static Path data(String relative) {
        return SharedTestData.file(relative);
    }

    @Test
    void referenceBenchmarkOnTheCassiaMarkerListsBeatsBothTrivialBaselines() throws IOException {
        Run r = run("benchmark-annotation", "--input", data("llm_annotation_dev/cassia_marker100.csv").toString(),
            "--ontology", data("ontology/cl-basic_2022-12-15.obo").toString(), "--method", "reference",
            "--reference-markers", data("markers/PanglaoDB_markers_27_Mar_2020.tsv").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(100, json.get("cases").asInt());
        assertEquals(100, json.get("rows").size());
        for (String field : List.of("exact_match_rate", "hierarchical_precision", "hierarchical_recall",
            "hierarchical_f1", "broad_type_match_rate", "coverage")) {
            assertTrue(json.get(field).isNumber(), field);
            assertTrue(json.at("/baselines/root/" + field).isNumber(), field);
            assertTrue(json.at("/baselines/most_frequent/" + field).isNumber(), field);
        }
        assertEquals(Set.of("Azimuth", "GTEx", "TS", "HCL", "MCA"), fieldNames(json.get("by_group")));
        JsonNode row = json.get("rows").get(1);
        for (String field : List.of("dataset", "tissue", "truth", "prediction", "status", "note")) {
            assertTrue(row.has(field), field);
        }
        double f1 = json.get("hierarchical_f1").asDouble();
        System.out.printf("reference benchmark: %d scored, exact %.4f, hF1 %.4f (root %.4f, most frequent %.4f)%n",
            json.get("scored").asInt(), json.get("exact_match_rate").asDouble(), f1,
            json.at("/baselines/root/hierarchical_f1").asDouble(),
            json.at("/baselines/most_frequent/hierarchical_f1").asDouble());
        assertEquals(0, json.at("/baselines/root/hierarchical_f1").asDouble(), "animal cell earns nothing");
        assertTrue(f1 > json.at("/baselines/most_frequent/hierarchical_f1").asDouble() + 0.15, "hF1 " + f1);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * The embedding method on the CASSIA lists with a bag-of-words stand-in for a language model: it proves the
     * method end to end on real descriptions and terms; a real embedding model is expected to do better.
     */
    @Test
    void embeddingBenchmarkOnTheCassiaMarkerListsRunsEndToEnd() throws IOException {
        Run r = run("benchmark-annotation", "--input", data("llm_annotation_dev/cassia_marker100.csv").toString(),
            "--ontology", data("ontology/cl-basic_2022-12-15.obo").toString(), "--method", "embedding",
            "--descriptions", data("gene_summaries/refseq_gene_summary_human.tsv.gz").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        double mean = json.get("secondary_ontology_score").asDouble();
        double exact = json.get("exact_match_rate").asDouble();
        System.out.printf("embedding benchmark (bag-of-words stand-in): %d scored, old score %.4f, exact %.4f, hF1 "
            + "%.4f, %s%n", json.get("scored").asInt(), mean, exact, json.get("hierarchical_f1").asDouble(),
            json.get("by_status"));
        assertTrue(mean >= exact && mean > 0 && mean <= 1, "mean " + mean + ", exact " + exact);
    }
}
