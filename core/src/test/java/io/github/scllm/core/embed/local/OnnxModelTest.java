package io.github.scllm.core.embed.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.UnsupportedFormatException;
import io.github.scllm.core.embed.TextEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User-supplied ONNX models, on a 2-layer random BERT exported from plain torch
 * (src/test/resources/scripts/make_tiny_bert_onnx.py): pooled vectors equal the torch model's, inputs and outputs are
 * discovered from the session, and every misfit is reported with the file and the fix.
 */
class OnnxModelTest {

    /** float32 through two different runtimes: agreement to a few ulps of the layer norms. */
    private static final double TOLERANCE = 1e-4;

    private static Path fixtures;
    private static JsonNode expected;

    @TempDir
    Path temp;

    @BeforeAll
    static void locateFixtures() throws IOException, URISyntaxException {
        fixtures = Path.of(OnnxModelTest.class.getResource("tinybert/model.onnx").toURI()).getParent();
        expected = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile());
    }

    private static TextEmbedder open(String model, Pooling pooling, int threads) {
        return LocalModels.onnx(fixtures.resolve(model), fixtures.resolve("tokenizer.json"), pooling, threads);
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        expected.path("texts").forEach(t -> texts.add(t.path("text").asText()));
        return texts;
    }

    private static void assertMatchesTorch(float[][] vectors, String pooling) {
        JsonNode cases = expected.path("texts");
        assertEquals(cases.size(), vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            JsonNode want = cases.get(i).path(pooling);
            assertEquals(want.size(), vectors[i].length, "dimension");
            for (int d = 0; d < want.size(); d++) {
                assertEquals(want.get(d).asDouble(), vectors[i][d], TOLERANCE,
                        "text '" + cases.get(i).path("text").asText() + "', " + pooling + " dimension " + d);
            }
        }
    }

    @Test
    void tokenizerOfTheExportGivesTheHandWorkedIdsWithItsOwnTruncation() {
        WordPieceTokenizer tokenizer = WordPieceTokenizer.load(fixtures.resolve("tokenizer.json"), 512);
        assertEquals(16, tokenizer.maxLength());
        for (JsonNode c : expected.path("texts")) {
            int[] ids = new int[c.path("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = c.path("ids").get(i).asInt();
            }
            assertArrayEquals(ids, tokenizer.encode(c.path("text").asText()), c.path("text").asText());
        }
    }

    @Test
    void clsPoolingEqualsTheTorchModelsFirstTokenVector() {
        try (TextEmbedder e = open("model.onnx", Pooling.CLS, 1)) {
            assertMatchesTorch(e.embed(texts(), CancellationToken.NONE, ProgressListener.NONE), "cls");
        }
    }

    @Test
    void meanPoolingEqualsTheTorchModelsMaskedMeanOnTwoThreads() {
        try (TextEmbedder e = open("model.onnx", Pooling.MEAN, 2)) {
            assertMatchesTorch(e.embed(texts(), CancellationToken.NONE, ProgressListener.NONE), "mean");
        }
    }

    @Test
    void lastHiddenStateIsChosenByNameOverAnEarlier2dOutput() {
        try (TextEmbedder e = open("model.onnx", Pooling.CLS, 1)) {
            OnnxTextEmbedder onnx = assertInstanceOf(OnnxTextEmbedder.class, e);
            assertEquals("last_hidden_state", onnx.outputName());
            assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), onnx.inputNames());
            assertEquals(16, onnx.dimension());
        }
    }

    @Test
    void modelWithoutTokenTypeIdsAndAnotherOutputNameIsFedTwoInputsAndPooled() {
        try (TextEmbedder e = open("model-two-inputs.onnx", Pooling.MEAN, 1)) {
            OnnxTextEmbedder onnx = (OnnxTextEmbedder) e;
            assertEquals(Set.of("input_ids", "attention_mask"), onnx.inputNames());
            assertEquals("token_vectors", onnx.outputName());
            assertMatchesTorch(e.embed(texts(), CancellationToken.NONE, ProgressListener.NONE), "mean");
        }
    }

    @Test
    void identityHoldsFolderFileHashAndPoolingSoExportsNeverShareCacheEntries() {
        try (TextEmbedder cls = open("model.onnx", Pooling.CLS, 1);
             TextEmbedder mean = open("model.onnx", Pooling.MEAN, 1);
             TextEmbedder other = open("model-two-inputs.onnx", Pooling.CLS, 1)) {
            assertEquals("onnx", cls.identity().provider());
            assertTrue(cls.identity().model().matches("tinybert/model\\.onnx#[0-9a-f]{12}:cls"), cls.identity().model());
            assertTrue(mean.identity().model().endsWith(":mean"), mean.identity().model());
            assertNotEquals(cls.identity().model().split("#")[1].substring(0, 12),
                    other.identity().model().split("#")[1].substring(0, 12));
        }
    }

    @Test
    void missingModelOrTokenizerFileIsNamedWithTheFix() {
        Path tokenizer = fixtures.resolve("tokenizer.json");
        Path noModel = temp.resolve("biobert/model.onnx");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LocalModels.onnx(noModel, tokenizer, Pooling.CLS, 1));
        assertTrue(e.getMessage().contains(noModel.toString()) && e.getMessage().contains("does not exist")
                && e.getMessage().contains("feature extraction"), e.getMessage());

        Path noTokenizer = temp.resolve("tokenizer.json");
        e = assertThrows(InvalidInputException.class,
                () -> LocalModels.onnx(fixtures.resolve("model.onnx"), noTokenizer, Pooling.CLS, 1));
        assertTrue(e.getMessage().contains(noTokenizer.toString()) && e.getMessage().contains("model.onnx"), e.getMessage());

        e = assertThrows(InvalidInputException.class, () -> LocalModels.onnx(temp, tokenizer, Pooling.CLS, 1));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void nonWordPieceTokenizerIsRejectedNamingTheFile() throws IOException {
        Path bpe = temp.resolve("tokenizer.json");
        Files.writeString(bpe, "{\"model\":{\"type\":\"Unigram\",\"vocab\":[[\"a\",0.0]]}}");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> LocalModels.onnx(fixtures.resolve("model.onnx"), bpe, Pooling.CLS, 1));
        assertTrue(e.getMessage().contains(bpe.toString()) && e.getMessage().contains("Unigram")
                && e.getMessage().contains("WordPiece"), e.getMessage());
    }

    @Test
    void modelWithANonTextInputIsRejectedListingItsInputs() {
        Path model = fixtures.resolve("model-image-input.onnx");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> LocalModels.onnx(model, fixtures.resolve("tokenizer.json"), Pooling.CLS, 1));
        assertTrue(e.getMessage().contains(model.toString()) && e.getMessage().contains("pixel_values")
                && e.getMessage().contains("input_ids, attention_mask and optionally token_type_ids"), e.getMessage());
    }

    @Test
    void modelWithoutTokenVectorsIsRejectedListingItsOutputs() {
        Path model = fixtures.resolve("model-pooled-only.onnx");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> LocalModels.onnx(model, fixtures.resolve("tokenizer.json"), Pooling.MEAN, 1));
        assertTrue(e.getMessage().contains(model.toString()) && e.getMessage().contains("no token-level output")
                && e.getMessage().contains("pooler_output"), e.getMessage());
    }

    @Test
    void fileThatIsNotOnnxIsReportedAsUnloadable() throws IOException {
        Path notOnnx = temp.resolve("model.onnx");
        Files.writeString(notOnnx, "this is a README, not a model");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LocalModels.onnx(notOnnx, fixtures.resolve("tokenizer.json"), Pooling.CLS, 1));
        assertTrue(e.getMessage().contains(notOnnx.toString()) && e.getMessage().contains("cannot be loaded"), e.getMessage());
    }

    @Test
    void tokenizerOfAnotherModelFailsAtRunNamingTheLikelyCause() throws IOException {
        Path bge = temp.resolve("bge-tokenizer.json");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(OnnxRuntimeSupport.BUILT_IN_TOKENIZER)) {
            Files.write(bge, in.readAllBytes());
        }
        try (TextEmbedder e = LocalModels.onnx(fixtures.resolve("model.onnx"), bge, Pooling.CLS, 1)) {
            EngineException failure = assertThrows(EngineException.class,
                    () -> e.embed(List.of("albumin in blood plasma"), CancellationToken.NONE, ProgressListener.NONE));
            assertTrue(failure.getMessage().contains("text 1") && failure.getMessage().contains("tokenizer belongs to this model"),
                    failure.getMessage());
        }
    }
}
