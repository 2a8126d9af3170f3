package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.embed.EmbeddingCache;
import io.github.scllm.core.embed.local.LocalModels;

class EmbedCommandTest {
    private static final int DIM = 24;

    @TempDir
    Path dir;

    private EmbeddingTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new EmbeddingTestServer(DIM);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    private Path input() throws Exception {
        return Files.writeString(dir.resolve("in.tsv"), "symbol\tsource\ttext\n"
            + "CD3E\tfile\tT cell receptor complex\n"
            + "CD3D\tfile\tT cell receptor complex\n"
            + "ALB\tfile\tserum albumin\n"
            + "XYZ1\tfallback\t\n"
            + "MS4A1\tfile\tB cell surface antigen\n");
    }

    private MainTest.Run embed(Path in, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("embed", "--input", in.toString(), "--provider",
            "openai-compatible", "--base-url", server.baseUrl(), "--model", "test-embedder", "--cache",
            dir.resolve("cache").toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return MainTest.run(args.toArray(String[]::new));
    }

    @Test
    void afterAKillDuringARunTheRerunSendsOnlyTheTextsNotYetAnswered() throws Exception {
        int distinct = 1000;
        StringBuilder tsv = new StringBuilder("symbol\ttext\n");
        for (int g = 0; g < distinct; g++) {
            tsv.append("G").append(g).append("\tGene G").append(g).append(" encodes protein family ")
                .append(g % 97).append(".\n");
        }
        Path in = Files.writeString(dir.resolve("many.tsv"), tsv);
        Path out = dir.resolve("many-out.tsv");
        int answeredBeforeKill = 2;
        server.answerAtMost(answeredBeforeKill);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Main.class.getName(), "embed", "--input", in.toString(),
            "--provider", "openai-compatible", "--base-url", server.baseUrl(), "--model", "test-embedder", "--cache",
            dir.resolve("cache").toString(), "--out", out.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            while (server.answered() < answeredBeforeKill && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(answeredBeforeKill, server.answered(), Files.readString(dir.resolve("child.log")));
            // kill once every answered vector is in the cache file: the answers are committed as they arrive,
            // while the requests after them hang
            Path file = dir.resolve("cache").resolve(EmbeddingCache.FILE_NAME);
            List<String> answered = server.textsAnswered();
            while (!allStored(file, answered) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(allStored(file, answered), "the child stored the answers it received");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            child.waitFor();
        }
        int sentBeforeKill = server.textsReceived().size();
        int answeredTexts = server.textsAnswered().size();
        server.answerAll();

        MainTest.Run r = embed(in, out, "--json");
        assertEquals(0, r.code(), r.err());
        int sentByRerun = server.textsReceived().size() - sentBeforeKill;
        assertEquals(distinct - answeredTexts, sentByRerun, "the rerun sends exactly the texts not answered before "
            + "the kill");
        assertTrue(r.out().contains("\"n_cached\":" + answeredTexts), r.out());
    }

    /** @return whether the file holds each text's served vector as float32, as the cache stores it */
    private static boolean allStored(Path cacheFile, List<String> texts) throws java.io.IOException {
        if (!Files.exists(cacheFile)) {
            return false;
        }
        String bytes = new String(Files.readAllBytes(cacheFile), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String t : texts) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(DIM * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(EmbeddingTestServer.vectorOf(t, DIM));
            if (!bytes.contains(new String(b.array(), java.nio.charset.StandardCharsets.ISO_8859_1))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void outputKeepsTheInputColumnsAndAddsTheServersVectorsExactly() throws Exception {
        Path out = dir.resolve("out.tsv");
        MainTest.Run r = embed(input(), out);
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("symbol\tsource\ttext\tembedding", lines.get(0));
        assertEquals(6, lines.size());
        List<String> in = Files.readAllLines(dir.resolve("in.tsv"));
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t", -1);
            assertEquals(in.get(i), String.join("\t", List.of(fields).subList(0, 3)), "input columns of row " + i);
            if (fields[2].isEmpty()) {
                assertEquals("", fields[3], "row " + i + " has no text, so no embedding");
                continue;
            }
            String[] parts = fields[3].split(",");
            float[] got = new float[parts.length];
            for (int d = 0; d < parts.length; d++) {
                got[d] = Float.parseFloat(parts[d]);
            }
            // exact: the written digits read back as the very floats the server sent
            assertArrayEquals(EmbeddingTestServer.vectorOf(fields[2], DIM), got, "row " + i);
        }
        assertTrue(r.err().contains("warning: 1 rows have an empty text"), r.err());
    }

    @Test
    void duplicateTextsAreSentOnceAndTheRequestHasTheOpenAiShape() throws Exception {
        MainTest.Run r = embed(input(), dir.resolve("out.tsv"), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("T cell receptor complex", "serum albumin", "B cell surface antigen"),
            server.textsReceived());
        JsonNode body = server.bodies().get(0);
        assertEquals("test-embedder", body.get("model").asText());
        assertTrue(body.get("input").isArray(), body.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(4, json.get("n_texts").asInt());
        assertEquals(3, json.get("n_distinct").asInt());
        assertEquals(3, json.get("n_sent").asInt());
        assertEquals(0, json.get("n_cached").asInt());
        assertEquals(1, json.get("n_empty").asInt());
        assertEquals(DIM, json.get("dimension").asInt());
        assertEquals("test-embedder", json.get("model").asText());
        assertEquals("openai-compatible", json.get("provider").asText());
        assertTrue(json.get("seconds").asDouble() >= 0, r.out());
    }

    @Test
    void aSecondRunWithTheSameCacheSendsNothingAndWritesTheSameFile() throws Exception {
        Path in = input();
        assertEquals(0, embed(in, dir.resolve("first.tsv")).code());
        int requests = server.bodies().size();
        MainTest.Run r = embed(in, dir.resolve("second.tsv"), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(requests, server.bodies().size(), "the second run sent requests");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(0, json.get("n_sent").asInt());
        assertEquals(3, json.get("n_cached").asInt());
        assertEquals(Files.readString(dir.resolve("first.tsv")), Files.readString(dir.resolve("second.tsv")));
    }

    @Test
    void withoutTheCacheEveryRunSendsEachDistinctTextOnce() throws Exception {
        Path in = input();
        for (int run = 1; run <= 2; run++) {
            assertEquals(0, embed(in, dir.resolve("out.tsv"), "--no-embedding-cache").code());
            assertEquals(3 * run, server.textsReceived().size(), "run " + run);
        }
    }

    @Test
    void sentenceModeEmbedsEachDistinctGeneSentenceOfTheTopGenesTable() throws Exception {
        Path top = dir.resolve("top.tsv");
        MainTest.Run r = MainTest.run("top-genes", "--input", "../demo/pbmc_demo.h5ad", "--out", top.toString());
        assertEquals(0, r.code(), r.err());
        Path out = dir.resolve("cells.tsv");
        r = embed(top, out, "--text-column", "sentence", "--json");
        assertEquals(0, r.code(), r.err());
        List<String> in = Files.readAllLines(top);
        List<String> lines = Files.readAllLines(out);
        assertEquals(in.get(0) + "\tembedding", lines.get(0));
        assertEquals(in.size(), lines.size());
        java.util.Set<String> sentences = new java.util.HashSet<>();
        for (String line : in.subList(1, in.size())) {
            sentences.add(line.split("\t", -1)[3]);
        }
        sentences.remove("");
        assertEquals(sentences.size(), server.textsReceived().size());
        assertEquals(sentences, new java.util.HashSet<>(server.textsReceived()));
        assertEquals(in.size() - 1, new ObjectMapper().readTree(r.out()).get("n_texts").asInt()
            + new ObjectMapper().readTree(r.out()).get("n_empty").asInt());
    }

    @Test
    void anUnknownTextColumnIsInvalidInputListingTheColumns() throws Exception {
        Path out = dir.resolve("out.tsv");
        MainTest.Run r = embed(input(), out, "--text-column", "summary");
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("no column 'summary'"), r.err());
        assertTrue(r.err().contains("symbol, source, text"), r.err());
        assertTrue(r.err().contains("--text-column"), r.err());
        assertTrue(r.err().contains("in.tsv"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(0, server.bodies().size());
    }

    @Test
    void aColumnWithoutAnyTextIsInvalidInput() throws Exception {
        MainTest.Run r = embed(input(), dir.resolve("out.tsv"), "--text-column", "source", "--output-column", "e");
        assertEquals(0, r.code(), "source holds texts: " + r.err());
        Path blank = Files.writeString(dir.resolve("blank.tsv"), "symbol\ttext\nA\t\nB\t \n");
        r = embed(blank, dir.resolve("out2.tsv"));
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("holds no text in its 2 rows"), r.err());
    }

    @Test
    void anExistingEmbeddingColumnIsNotOverwritten() throws Exception {
        Path in = Files.writeString(dir.resolve("has.tsv"), "text\tembedding\nabc\t1,2\n");
        MainTest.Run r = embed(in, dir.resolve("out.tsv"));
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("already has a column 'embedding'") && r.err().contains("--output-column"),
            r.err());
    }

    @Test
    void aMissingInputFileIsInvalidInputNamingIt() {
        MainTest.Run r = embed(dir.resolve("nope.tsv"), dir.resolve("out.tsv"));
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("nope.tsv") && r.err().contains("does not exist"), r.err());
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsInvalidInputNamingTheLine() throws Exception {
        Path in = Files.writeString(dir.resolve("bad.tsv"), "symbol\ttext\nA\tone\nB\ttwo\textra\n");
        MainTest.Run r = embed(in, dir.resolve("out.tsv"));
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("line 3"), r.err());
    }

    @Test
    void aRefusedKeyFailsWithoutRetryAndWritesNothing() throws Exception {
        server.failWith(401);
        Path out = dir.resolve("out.tsv");
        MainTest.Run r = embed(input(), out);
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertEquals(1, server.bodies().size(), "a 401 must not be retried");
        assertTrue(r.err().contains("401"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnsetKeyVariableIsInvalidInputNamingIt() throws Exception {
        String var = "SCLLM_TEST_KEY_THAT_IS_NOT_SET";
        Assumptions.assumeTrue(System.getenv(var) == null);
        MainTest.Run r = embed(input(), dir.resolve("out.tsv"), "--api-key-env", var);
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains(var), r.err());
        assertEquals(0, server.bodies().size());
    }

    @Test
    void anUnknownProviderIsInvalidInput() throws Exception {
        MainTest.Run r = MainTest.run("embed", "--input", input().toString(), "--provider", "telepathy",
            "--out", dir.resolve("out.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("telepathy"), r.err());
    }

    @Test
    void theLocalProviderSaysWhatToChooseWhenItCannotRunHere() throws Exception {
        Assumptions.assumeTrue(LocalModels.unavailableReason().isPresent(), "the local model runs in this build");
        MainTest.Run r = MainTest.run("embed", "--input", input().toString(), "--provider", "local",
            "--out", dir.resolve("out.tsv").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("--provider openai"), r.err());
    }

    @Test
    void theLocalProviderEmbedsSameTextsToSameVectors() throws Exception {
        Assumptions.assumeTrue(LocalModels.unavailableReason().isEmpty(),
            () -> "local model not in this build: " + LocalModels.unavailableReason().orElse(""));
        Path out = dir.resolve("out.tsv");
        MainTest.Run r = MainTest.run("embed", "--input", input().toString(), "--provider", "local", "--threads", "1",
            "--cache", dir.resolve("cache").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        String cd3e = lines.get(1).split("\t", -1)[3];
        String cd3d = lines.get(2).split("\t", -1)[3];
        String alb = lines.get(3).split("\t", -1)[3];
        assertFalse(cd3e.isEmpty());
        assertEquals(cd3e, cd3d, "same text, same vector");
        assertFalse(cd3e.equals(alb));
    }
}
