package io.github.scllm.core.embed.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WordPiece tokenizer on the built-in model's tokenizer.json: hand-worked cases checked against its vocabulary,
 * and agreement with HuggingFace's own tokenizer library (Rust, reached through DJL's JNI binding) on real gene
 * summaries and on text chosen to exercise every normalisation rule.
 */
class WordPieceTokenizerTest {

    private static final int CLS = 101;
    private static final int SEP = 102;
    private static final int PAD = 0;
    private static final int UNK = 100;

    private static byte[] bgeTokenizer;
    private static WordPieceTokenizer tokenizer;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadBuiltInTokenizer() throws IOException {
        try (InputStream in = WordPieceTokenizerTest.class.getClassLoader()
                .getResourceAsStream(OnnxRuntimeSupport.BUILT_IN_TOKENIZER)) {
            assertTrue(in != null, "the model jar with " + OnnxRuntimeSupport.BUILT_IN_TOKENIZER + " is not on the test class path");
            bgeTokenizer = in.readAllBytes();
        }
        tokenizer = WordPieceTokenizer.read(new ByteArrayInputStream(bgeTokenizer), "bge", 512);
    }

    @Test
    void splitsPunctuationAndUnknownSubwordsIntoVocabularyPieces() {
        // t - cell receptor cd ##3 ##e . : "cd3e" has no entry, so the longest prefix "cd" is followed by ##3 and ##e
        assertArrayEquals(new int[] {CLS, 1056, 1011, 3526, 10769, 3729, 2509, 2063, 1012, SEP},
                tokenizer.encode("T-cell receptor CD3E."));
        assertEquals(List.of("t", "-", "cell", "receptor", "cd", "##3", "##e", "."), tokenizer.tokenize("T-cell receptor CD3E."));
    }

    @Test
    void lowerCasesAndStripsAccentsAsTheUncasedNormalizerSays() {
        assertArrayEquals(new int[] {CLS, 7668, 15743, SEP}, tokenizer.encode("Café NAÏVE"));
        // İ decomposes to I + combining dot, the dot is stripped before lower-casing
        assertArrayEquals(new int[] {CLS, 9960, SEP}, tokenizer.encode("İstanbul"));
    }

    @Test
    void isolatesCjkIdeographsAndDropsControlCharacters() {
        assertArrayEquals(new int[] {CLS, 1746, 1799, 1756, SEP}, tokenizer.encode("中国人"));
        assertArrayEquals(new int[] {CLS, 11113, SEP}, tokenizer.encode("a\u0000b\u200B"));
        assertArrayEquals(new int[] {CLS, 1037, 1038, SEP}, tokenizer.encode("a\u00A0\tb"));
    }

    @Test
    void wordThatCannotBeSplitOrIsTooLongBecomesOneUnknownToken() {
        assertArrayEquals(new int[] {CLS, 22038, 2595, SEP}, tokenizer.encode("xxx"));
        assertArrayEquals(new int[] {CLS, UNK, SEP}, tokenizer.encode("snow\u2603"));
        assertArrayEquals(new int[] {CLS, UNK, 1060, SEP}, tokenizer.encode("x".repeat(101) + " x"));
    }

    @Test
    void specialTokensWrittenInTheTextKeepTheirIds() {
        assertArrayEquals(new int[] {CLS, 1037, SEP, 1038, 103, SEP}, tokenizer.encode("a[SEP]b [MASK]"));
    }

    @Test
    void longTextIsTruncatedToMaxLengthKeepingTheClosingSeparator() {
        String text = "cell ".repeat(600);
        int[] ids = tokenizer.encode(text);
        assertEquals(512, ids.length);
        assertEquals(CLS, ids[0]);
        assertEquals(SEP, ids[511]);
        assertEquals(3526, ids[510]);
        assertEquals(602, tokenizer.countTokens(text));
    }

    @Test
    void batchIsPaddedToItsLongestTextWithMaskAndZeroTypes() {
        WordPieceTokenizer.Batch batch = tokenizer.encodeBatch(List.of("cell", "T-cell receptor"));
        assertEquals(2, batch.size());
        assertEquals(6, batch.length());
        assertArrayEquals(new long[] {CLS, 3526, SEP, PAD, PAD, PAD, CLS, 1056, 1011, 3526, 10769, SEP}, batch.inputIds());
        assertArrayEquals(new long[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1}, batch.attentionMask());
        assertArrayEquals(new long[12], batch.tokenTypeIds());
    }

    @Test
    void agreesWithHuggingFaceTokenizersOnTrickyText() throws IOException {
        List<String> texts = List.of(
                "Hello, World! It's 3.14159 -- isn't it?",
                "Ångström's naïve façade: Œuvre, straße, ΑΒΓ δέλτα, Ünïcödé",
                "中文字符和日本語のテキスト、한국어 텍스트",
                "tab\tnew\nline\r\nreturn\u000Bvertical\u000Cfeed\u0085next",
                "zero\u200Bwidth\u200Djoiner\uFEFFbom\u00ADsoft",
                "emoji 🧬🔬 and math ∑∫√ and arrows → ⇒",
                "quotes “double” ‘single’ «guillemets» „low“ and dashes – — ‐",
                "[CLS] already [SEP] inside [PAD] [UNK] [MASK]text",
                "Private\uE000use and unassigned\u0378chars and replacement\uFFFD",
                "x".repeat(100) + " " + "y".repeat(101),
                "IL2RA, TNFRSF4; HLA-DRB1*15:01 (MHC-II) β2-microglobulin μg/mL 37°C",
                "İIıi ǅǆ ﬁ ﬂ ẞ Ⅻ ①",
                "   leading and trailing spaces   ");
        assertAgreement(texts);
    }

    @Test
    void agreesWithHuggingFaceTokenizersOnRealHumanGeneSummaries() throws IOException {
        Map<String, String> summaries = LocalTestData.humanSummaries();
        assertTrue(summaries.size() > 10_000, "expected the full human summary table, got " + summaries.size());
        // every third summary, and every long one so that truncation is compared too
        List<String> texts = new ArrayList<>();
        int i = 0;
        for (String summary : summaries.values()) {
            if (i++ % 3 == 0 || summary.length() > 2000) {
                texts.add(summary);
            }
        }
        assertAgreement(texts);
    }

    private void assertAgreement(List<String> texts) throws IOException {
        Path file = temp.resolve("tokenizer.json");
        Files.write(file, bgeTokenizer);
        System.setProperty("DJL_CACHE_DIR", temp.resolve("djl").toString());
        System.setProperty("ai.djl.offline", "true");
        try (HuggingFaceTokenizer full = HuggingFaceTokenizer.newInstance(file,
                Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
             HuggingFaceTokenizer truncating = HuggingFaceTokenizer.newInstance(file,
                     Map.of("addSpecialTokens", "true", "truncation", "true", "maxLength", "512", "padding", "false"))) {
            int longTexts = 0;
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                long[] expected = full.encode(text).getIds();
                int[] pieces = tokenizer.tokenize(text).stream().mapToInt(WordPieceTokenizerTest::idOf).toArray();
                int[] withSpecials = new int[pieces.length + 2];
                withSpecials[0] = CLS;
                System.arraycopy(pieces, 0, withSpecials, 1, pieces.length);
                withSpecials[pieces.length + 1] = SEP;
                final int row = i;
                assertArrayEquals(toInt(expected), withSpecials, () -> "text " + (row + 1) + ": " + text);
                assertEquals(expected.length, tokenizer.countTokens(text), () -> "token count of text " + (row + 1));
                if (expected.length > 512) {
                    longTexts++;
                }
                assertArrayEquals(toInt(truncating.encode(text).getIds()), tokenizer.encode(text),
                        () -> "truncated encoding of text " + (row + 1) + ": " + text);
            }
            if (texts.size() > 1000) {
                assertTrue(longTexts > 0, "no summary exceeds 512 tokens, truncation was not compared");
            }
        }
    }

    private static int idOf(String piece) {
        int id = tokenizer.idOf(piece);
        return id >= 0 ? id : Map.of("[SEP]", SEP, "[CLS]", CLS, "[PAD]", PAD, "[UNK]", UNK, "[MASK]", 103).get(piece);
    }

    private static int[] toInt(long[] ids) {
        return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
    }

    @Test
    void bpeTokenizerIsRejectedNamingTheFileAndWhatToUse() throws IOException {
        Path file = temp.resolve("gpt2-tokenizer.json");
        Files.writeString(file, "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[]},"
                + "\"pre_tokenizer\":{\"type\":\"ByteLevel\"}}");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> WordPieceTokenizer.load(file, 512));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("BPE")
                && e.getMessage().contains("WordPiece"), e.getMessage());
    }

    @Test
    void missingFileVocabTxtAndFolderAreReportedWithTheFix() throws IOException {
        Path missing = temp.resolve("nothing.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WordPieceTokenizer.load(missing, 512));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(missing.toString()), e.getMessage());

        Path vocabTxt = temp.resolve("vocab.txt");
        Files.writeString(vocabTxt, "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\n", StandardCharsets.UTF_8);
        e = assertThrows(InvalidInputException.class, () -> WordPieceTokenizer.load(vocabTxt, 512));
        assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains("tokenizer.json"), e.getMessage());

        e = assertThrows(InvalidInputException.class, () -> WordPieceTokenizer.load(temp, 512));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void truncationLengthOfTheFileWinsOverTheDefault() throws IOException {
        String json = new String(bgeTokenizer, StandardCharsets.UTF_8)
                .replaceFirst("\"truncation\"\\s*:\\s*null", "\"truncation\": {\"max_length\": 8, \"strategy\": \"LongestFirst\"}");
        WordPieceTokenizer eight = WordPieceTokenizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "bge-8", 512);
        assertEquals(8, eight.maxLength());
        assertArrayEquals(new int[] {CLS, 3526, 3526, 3526, 3526, 3526, 3526, SEP}, eight.encode("cell ".repeat(20)));
    }
}
