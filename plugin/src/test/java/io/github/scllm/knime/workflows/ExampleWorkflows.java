package io.github.scllm.knime.workflows;

import io.github.scllm.knime.TestPaths;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.knime.workflows.WorkflowWriter.Node;
import io.github.scllm.knime.workflows.WorkflowWriter.Origin;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The example workflows shipped in {@code test-workflows/}, generated from the nodes' own default settings so that
 * their settings.xml files always carry every key the nodes save. Each workflow ships the demo files it reads in its
 * {@code data/} folder and refers to them by {@code knime://knime.workflow/data/…} URLs, so it runs as imported. The
 * paths are workflow variables ({@code input_file}, {@code descriptions_file}, …) so that a user points them at
 * their files, or overrides them with the batch executor's {@code -workflow.variable}.
 */
final class ExampleWorkflows {

    static final String TRAIN_TEST = "scllm_train_test_annotation";
    static final String TRANSFER = "scllm_reference_to_query";
    static final String SENTENCE = "scllm_gene_sentence_mode";
    static final String HEADLESS = "scllm_headless_annotation";

    private static final String PKG = "io.github.scllm.knime.";
    private static final String READ = PKG + "io.readscrna.ReadScrnaNodeFactory";
    private static final String TOP_GENES = PKG + "genes.topgenes.TopGenesNodeFactory";
    private static final String LOOKUP = PKG + "genes.describe.GeneDescriptionLookupNodeFactory";
    private static final String LLM_EMBED = PKG + "embed.llmembed.LlmEmbedNodeFactory";
    private static final String CELL_EMBED = PKG + "embed.cellembed.CellEmbeddingNodeFactory";
    private static final String PCA_LEARNER = PKG + "refine.pcalearner.ExpressionPcaLearnerNodeFactory";
    private static final String PCA_PREDICTOR = PKG + "refine.pcapredictor.ExpressionPcaPredictorNodeFactory";
    private static final String REFINE_LEARNER = PKG + "refine.contrastivelearner.ContrastiveRefineLearnerNodeFactory";
    private static final String REFINE_PREDICTOR =
        PKG + "refine.contrastivepredictor.ContrastiveRefinePredictorNodeFactory";
    private static final String KNN = PKG + "classify.knn.KnnClassifyNodeFactory";
    private static final String SCORER = PKG + "classify.scorer.AnnotationScorerNodeFactory";
    private static final String PARTITION = "org.knime.base.node.preproc.partition.PartitionNodeFactory";
    private static final String CSV_WRITER = "org.knime.base.node.io.csvwriter.CSVWriterNodeFactory";

    /** Input and output port counts of the KNIME nodes the examples use (all data tables). */
    static final Map<String, int[]> KNIME_NODE_PORTS = Map.of(
        PARTITION, new int[] {1, 2},
        CSV_WRITER, new int[] {1, 0});

    private static final Path DEMO = TestPaths.pluginRoot().getParent().resolve("demo");
    private static final Path DEMO_H5AD = DEMO.resolve("pbmc_demo.h5ad");
    private static final Path DEMO_DESCRIPTIONS = DEMO.resolve("pbmc_demo_descriptions.tsv");
    private static final String LABEL = "cell_type";

    private ExampleWorkflows() {
    }

    static List<String> names() {
        return List.of(TRAIN_TEST, TRANSFER, SENTENCE, HEADLESS);
    }

    static void writeAll(final Path parent) throws Exception {
        trainTest(TRAIN_TEST, false).write(parent);
        transfer().write(parent);
        sentence().write(parent);
        trainTest(HEADLESS, true).write(parent);
    }

    /**
     * (a) and (d): stratified 80/20 split of one labelled file; the text path (descriptions → embeddings → cell
     * embeddings → contrastive refinement on the training rows → KNN) next to the expression baseline (PCA fitted on
     * the training rows → KNN), each scored. The headless variant also writes the predictions to a CSV file.
     */
    private static WorkflowWriter trainTest(final String name, final boolean headless) throws Exception {
        WorkflowWriter w = new WorkflowWriter(name, headless
            ? "Headless annotation: set input_file, descriptions_file and output_file (workflow variables) and run "
                + "with KNIME's batch executor. Text path and PCA baseline on a stratified 80/20 split."
            : "Train/test annotation on one labelled file: stratified 80/20 split, the gene-description path "
                + "(GenePT-w + contrastive refinement + KNN) next to the PCA-50 KNN expression baseline.");
        w.stringVariable("input_file", w.ship(DEMO_H5AD))
            .stringVariable("descriptions_file", w.ship(DEMO_DESCRIPTIONS));
        textFeatures(w, 1, 0, "input_file");
        w.node(knime(6, "Partitioning", PARTITION, partition().settings, 6, 0, Map.of()));
        w.connect(5, 1, 6, 1);
        w.node(scllm(7, "Contrastive Refine Learner", REFINE_LEARNER,
            settings(REFINE_LEARNER).set("vector_columns", "Cell embedding").set("label_column", LABEL), 7));
        w.node(scllm(8, "Contrastive Refine Predictor", REFINE_PREDICTOR, settings(REFINE_PREDICTOR), 8));
        w.node(scllm(9, "KNN Classify", KNN, knn("Refined"), 9));
        w.node(scllm(10, "Annotation Scorer", SCORER, scorer(), 10));
        w.connect(6, 1, 7, 1).connect(7, 2, 8, 1).connect(6, 2, 8, 2)
            .connect(7, 1, 9, 1).connect(8, 1, 9, 2).connect(9, 1, 10, 1);
        w.node(scllm(11, "Expression PCA Learner", PCA_LEARNER,
            settings(PCA_LEARNER).set("expression_column", "Expression"), 11, 1));
        w.node(scllm(12, "Expression PCA Predictor", PCA_PREDICTOR, settings(PCA_PREDICTOR), 12, 1));
        w.node(scllm(13, "KNN Classify", KNN, knn("PCA"), 13, 1));
        w.node(scllm(14, "Annotation Scorer", SCORER, scorer(), 14, 1));
        w.connect(6, 1, 11, 1).connect(11, 2, 12, 1).connect(6, 2, 12, 2)
            .connect(11, 1, 13, 1).connect(12, 1, 13, 2).connect(13, 1, 14, 1);
        if (headless) {
            String output = WorkflowWriter.WORKFLOW_URL_PREFIX + WorkflowWriter.DATA_FOLDER + "/predictions.csv";
            w.stringVariable("output_file", output);
            w.node(knime(15, "CSV Writer", CSV_WRITER, csvWriter(output), 10, 1, Map.of("filename", "output_file")));
            w.connect(9, 1, 15, 1);
        }
        return w;
    }

    /** (b): label a query file with a labelled reference file; the refinement is trained on the reference only. */
    private static WorkflowWriter transfer() throws Exception {
        WorkflowWriter w = new WorkflowWriter(TRANSFER, "Reference to query transfer: the contrastive refinement "
            + "and the KNN reference come from the labelled reference file only; the query file's labels, if any, are "
            + "used by the scorer alone. Descriptions and embeddings are cached, so genes shared by both are embedded "
            + "once.");
        String demo = w.ship(DEMO_H5AD);
        w.stringVariable("reference_file", demo).stringVariable("query_file", demo)
            .stringVariable("descriptions_file", w.ship(DEMO_DESCRIPTIONS));
        textFeatures(w, 1, 0, "reference_file");
        textFeatures(w, 21, 4, "query_file");
        w.node(scllm(6, "Contrastive Refine Learner", REFINE_LEARNER,
            settings(REFINE_LEARNER).set("vector_columns", "Cell embedding").set("label_column", LABEL), 6));
        w.node(scllm(7, "Contrastive Refine Predictor", REFINE_PREDICTOR, settings(REFINE_PREDICTOR), 7, 1));
        w.node(scllm(8, "KNN Classify", KNN, knn("Refined"), 8));
        w.node(scllm(9, "Annotation Scorer", SCORER, scorer(), 9));
        w.connect(5, 1, 6, 1).connect(6, 2, 7, 1).connect(25, 1, 7, 2)
            .connect(6, 1, 8, 1).connect(7, 1, 8, 2).connect(8, 1, 9, 1);
        return w;
    }

    /** (c): GenePT-s, each cell's gene sentence embedded as one text, then KNN on a stratified split. */
    private static WorkflowWriter sentence() throws Exception {
        WorkflowWriter w = new WorkflowWriter(SENTENCE, "Gene sentence mode (GenePT-s): each cell's top genes, "
            + "ordered by expression, form one sentence that LLM Embed turns into the cell's embedding; then KNN on a "
            + "stratified 80/20 split.");
        String demo = w.ship(DEMO_H5AD);
        w.stringVariable("input_file", demo);
        w.node(scllm(1, "Read scRNA", READ, settings(READ).set("file", demo), 1, 0, Map.of("file", "input_file")));
        w.node(scllm(2, "Top Genes", TOP_GENES, settings(TOP_GENES).set("expression_column", "Expression")
            .set("gene_sentence", true), 2));
        w.node(scllm(3, "LLM Embed", LLM_EMBED, settings(LLM_EMBED).set("text_column", "Gene sentence"), 3));
        w.node(knime(4, "Partitioning", PARTITION, partition().settings, 4, 0, Map.of()));
        w.node(scllm(5, "KNN Classify", KNN, knn("Embedding"), 5));
        w.node(scllm(6, "Annotation Scorer", SCORER, scorer(), 6));
        w.connect(1, 1, 2, 1).connect(2, 1, 3, 1).connect(3, 1, 4, 1)
            .connect(4, 1, 5, 1).connect(4, 2, 5, 2).connect(5, 1, 6, 1);
        return w;
    }

    /**
     * Read scRNA → Top Genes → Gene Description Lookup → LLM Embed, and Cell Embedding joining the top genes with
     * the gene embeddings; node ids {@code first … first+4}, the Cell Embedding node last.
     */
    private static void textFeatures(final WorkflowWriter w, final int first, final int row, final String inputVariable)
        throws Exception {
        w.node(scllm(first, "Read scRNA", READ, settings(READ).set("file", w.ship(DEMO_H5AD)), 1, row,
            Map.of("file", inputVariable)));
        w.node(scllm(first + 1, "Top Genes", TOP_GENES,
            settings(TOP_GENES).set("expression_column", "Expression"), 2, row));
        w.node(scllm(first + 2, "Gene Description Lookup", LOOKUP, settings(LOOKUP).set("gene_column", "Top genes")
            .set("use_ncbi", false).set("summary_file", w.ship(DEMO_DESCRIPTIONS)), 3, row + 2,
            Map.of("summary_file", "descriptions_file")));
        w.node(scllm(first + 3, "LLM Embed", LLM_EMBED, settings(LLM_EMBED).set("text_column", "Text"), 4, row + 2));
        w.node(scllm(first + 4, "Cell Embedding", CELL_EMBED,
            settings(CELL_EMBED).set("symbol_column", "Symbol").set("vector_column", "Embedding"), 5, row));
        w.connect(first, 1, first + 1, 1).connect(first + 1, 1, first + 2, 1).connect(first + 2, 1, first + 3, 1)
            .connect(first + 1, 1, first + 4, 1).connect(first + 3, 1, first + 4, 2);
    }

    private static Settings knn(final String vectorColumn) throws Exception {
        return settings(KNN).set("vector_columns", vectorColumn).set("label_column", LABEL);
    }

    private static Settings scorer() throws Exception {
        return resaved(SCORER, settings(SCORER).set("truth_column", LABEL).set("prediction_column", "Predicted label")
            .set("use_confidence", true).set("confidence_column", "Confidence"));
    }

    /**
     * KNIME's Partitioning node in its long-standing setting keys, which 5.5 still migrates, plus
     * {@code actionEmpty}: without that key 5.5 loads "output empty tables" for a workflow of an older release;
     * {@code FAIL} (5.5's default for a new node) stops the workflow on an empty input instead of scoring nothing.
     */
    private static Settings partition() {
        Settings s = new Settings(new NodeSettings(NodeHarness.SETTINGS_KEY));
        s.settings.addString("method", "Relative");
        s.settings.addDouble("fraction", 0.8);
        s.settings.addInt("count", 100);
        s.settings.addString("samplingMethod", "Stratified");
        s.settings.addString("class_column", LABEL);
        s.settings.addString("random_seed", "42");
        s.settings.addString("actionEmpty", "FAIL");
        return s;
    }

    /**
     * KNIME's legacy CSV Writer with every key it saves: column header, no row-ID column, UTF-8, LF line ends,
     * overwrite. (The current CSV Writer keeps its target in a file-system chooser config whose full key set is not
     * documented; see README.)
     */
    private static NodeSettings csvWriter(final String file) {
        NodeSettings s = new NodeSettings(NodeHarness.SETTINGS_KEY);
        s.addString("colSeparator", ",");
        s.addString("missing", "");
        s.addString("quoteBegin", "\"");
        s.addString("quoteEnd", "\"");
        s.addString("quoteMode", "STRINGS");
        s.addString("quoteReplacement", "");
        s.addString("sepReplacePattern", "");
        s.addBoolean("ReplSepInStrings", false);
        s.addBoolean("writeColHeader", true);
        s.addBoolean("writeRowHeader", false);
        s.addChar("decimalSeparator", '.');
        s.addString("lineEndingMode", "LF");
        s.addString("charSet", "UTF-8");
        s.addBoolean("scientificExtrema", true);
        s.addString("filename", file);
        s.addString("fileOverwritePolicy", "Overwrite");
        s.addBoolean("skipWriteColHeaderOnAppend", false);
        s.addString("commentBegin", "");
        s.addString("commentEnd", "");
        s.addBoolean("addTime", false);
        s.addBoolean("addUser", false);
        s.addBoolean("addTablename", false);
        s.addString("userCommentLine", "");
        s.addBoolean("gzip", false);
        return s;
    }

    private static Node scllm(final int id, final String name, final String factory, final Settings settings,
        final int column) throws Exception {
        return scllm(id, name, factory, settings, column, 0);
    }

    private static Node scllm(final int id, final String name, final String factory, final Settings settings,
        final int column, final int row) throws Exception {
        return scllm(id, name, factory, settings, column, row, Map.of());
    }

    private static Node scllm(final int id, final String name, final String factory, final Settings settings,
        final int column, final int row, final Map<String, String> variables) throws Exception {
        int outputs = NodeHarness.outPortTypes(newModel(factory)).size();
        return new Node(id, name, factory, Origin.SCLLM, settings.settings, variables, outputs, x(column), y(row));
    }

    private static Node knime(final int id, final String name, final String factory, final NodeSettings settings,
        final int column, final int row, final Map<String, String> variables) {
        int outputs = KNIME_NODE_PORTS.get(factory)[1];
        return new Node(id, name, factory, Origin.KNIME_BASE, settings, variables, outputs, x(column), y(row));
    }

    private static int x(final int column) {
        return 60 + 150 * column;
    }

    private static int y(final int row) {
        return 80 + 130 * row;
    }

    /** A node's default model settings, as its NodeModel saves them, with some values replaced. */
    private static Settings settings(final String factoryClass) throws Exception {
        return new Settings(NodeHarness.saveSettings(newModel(factoryClass)));
    }

    /** Settings as the node saves them after loading them, so dependent settings carry a consistent enabled state. */
    private static Settings resaved(final String factoryClass, final Settings settings) throws Exception {
        NodeModel model = newModel(factoryClass);
        NodeHarness.loadSettings(model, settings.settings);
        return new Settings(NodeHarness.saveSettings(model));
    }

    static NodeModel newModel(final String factoryClass) throws Exception {
        NodeFactory<?> factory = (NodeFactory<?>)Class.forName(factoryClass).getDeclaredConstructor().newInstance();
        return factory.createNodeModel();
    }

    private record Settings(NodeSettings settings) {

        Settings set(final String key, final String value) {
            requireKey(key);
            if (isArray(key)) {
                settings.addStringArray(key, value);
            } else {
                settings.addString(key, value);
            }
            return this;
        }

        Settings set(final String key, final boolean value) {
            requireKey(key);
            settings.addBoolean(key, value);
            return this;
        }

        private boolean isArray(final String key) {
            try {
                settings.getStringArray(key);
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        private void requireKey(final String key) {
            if (!settings.containsKey(key)) {
                throw new IllegalArgumentException("The node saves no setting '" + key + "': " + settings.keySet());
            }
        }
    }
}
