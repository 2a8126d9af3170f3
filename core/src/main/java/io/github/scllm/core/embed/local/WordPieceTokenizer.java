package io.github.scllm.core.embed.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * BERT tokenization read from a HuggingFace {@code tokenizer.json} ("fast" tokenizer format) whose model is
 * WordPiece: the text is normalised as the file's normalizer says (BERT normalizer: control characters removed,
 * whitespace folded, CJK ideographs isolated, accents stripped, lower-cased), split at whitespace and punctuation,
 * each word split greedily into the longest vocabulary pieces ({@code ##}-prefixed continuations, the unknown token
 * for a word that cannot be split), wrapped in the post-processor's special tokens ({@code [CLS] … [SEP]}) and
 * truncated to the maximum length. Special tokens written literally in the text ({@code [SEP]}, {@code [MASK]}) map
 * to their ids, as in HuggingFace's tokenizers.
 *
 * <p>Immutable and thread-safe.
 */
public final class WordPieceTokenizer {

    /** BERT's position limit, used when the file sets no truncation. */
    public static final int DEFAULT_MAX_LENGTH = 512;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Map<String, Integer> vocabulary;
    private final int unknownId;
    private final String continuationPrefix;
    private final int maxCharsPerWord;
    private final UnaryOperator<String> normalizer;
    /** Special tokens matched literally in the raw text, longest first. */
    private final List<AddedToken> addedTokens;
    private final int[] prefixIds;
    private final int[] prefixTypes;
    private final int[] suffixIds;
    private final int[] suffixTypes;
    private final int sequenceType;
    private final int padId;
    private final int maxLength;
    /** Reverse vocabulary, built on first use by {@link #tokenize(String)}. */
    private volatile String[] tokensById;

    private record AddedToken(String content, int id) {
    }

    /**
     * A batch of encoded texts padded to its longest member, as ONNX BERT models take it: row-major
     * {@code [size, length]} arrays.
     *
     * @param size          number of texts
     * @param length        tokens per row (the longest text's, specials included)
     * @param inputIds      token ids, padded with the pad id
     * @param attentionMask 1 for real tokens, 0 for padding
     * @param tokenTypeIds  segment ids (0 for a single sequence), 0 for padding
     */
    public record Batch(int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
    }

    private WordPieceTokenizer(String source, JsonNode root, int defaultMaxLength) {
        this.source = source;
        JsonNode model = root.path("model");
        String type = model.path("type").asText("");
        boolean wordPiece = "WordPiece".equals(type) || type.isEmpty() && model.has("continuing_subword_prefix");
        if (!wordPiece) {
            throw new UnsupportedFormatException("Tokenizer " + source + " uses a " + (type.isEmpty() ? "unknown" : type)
                    + " model, but only WordPiece tokenizers (BERT, BioBERT, SciBERT, MiniLM, BGE) are supported: "
                    + "use the tokenizer.json exported together with a BERT-family model.");
        }
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new InvalidInputException("Tokenizer " + source + " has no WordPiece vocabulary (model.vocab): "
                    + "export the tokenizer again with the model.");
        }
        vocabulary = new HashMap<>(vocab.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocabulary.put(e.getKey(), e.getValue().asInt());
        }
        String unk = model.path("unk_token").asText("[UNK]");
        Integer unkId = vocabulary.get(unk);
        if (unkId == null) {
            throw new InvalidInputException("Tokenizer " + source + " names the unknown token '" + unk
                    + "', which is not in its vocabulary: the file is damaged; export it again.");
        }
        unknownId = unkId;
        continuationPrefix = model.path("continuing_subword_prefix").asText("##");
        maxCharsPerWord = model.path("max_input_chars_per_word").asInt(100);

        normalizer = normalizer(root.path("normalizer"));
        JsonNode pre = root.path("pre_tokenizer");
        String preType = pre.path("type").asText("");
        if (!"BertPreTokenizer".equals(preType)) {
            throw new UnsupportedFormatException("Tokenizer " + source + " uses the pre-tokenizer '"
                    + (preType.isEmpty() ? "none" : preType) + "', but only BertPreTokenizer (split at whitespace and "
                    + "punctuation) is supported: use the tokenizer.json of a BERT-family model.");
        }

        List<AddedToken> added = new ArrayList<>();
        for (JsonNode token : root.path("added_tokens")) {
            // tokens marked normalized would have to be found in the normalised text; BERT exports have none
            if (token.path("special").asBoolean(false) && !token.path("normalized").asBoolean(false)) {
                added.add(new AddedToken(token.path("content").asText(), token.path("id").asInt()));
            }
        }
        added.sort(Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
        addedTokens = List.copyOf(added);

        List<int[]> prefix = new ArrayList<>();
        List<int[]> suffix = new ArrayList<>();
        sequenceType = postProcessor(root.path("post_processor"), prefix, suffix);
        prefixIds = prefix.stream().mapToInt(p -> p[0]).toArray();
        prefixTypes = prefix.stream().mapToInt(p -> p[1]).toArray();
        suffixIds = suffix.stream().mapToInt(p -> p[0]).toArray();
        suffixTypes = suffix.stream().mapToInt(p -> p[1]).toArray();

        JsonNode padding = root.path("padding");
        padId = padding.has("pad_id") ? padding.path("pad_id").asInt() : vocabulary.getOrDefault("[PAD]", 0);
        JsonNode truncation = root.path("truncation");
        maxLength = truncation.has("max_length") ? truncation.path("max_length").asInt() : defaultMaxLength;
        if (maxLength < prefixIds.length + suffixIds.length + 1) {
            throw new InvalidInputException("Tokenizer " + source + " truncates to " + maxLength
                    + " tokens, too few for its special tokens and one word: set truncation.max_length to the "
                    + "model's limit (512 for BERT).");
        }
    }

    /**
     * Reads a tokenizer file.
     *
     * @param tokenizerJson    a HuggingFace {@code tokenizer.json} with a WordPiece model
     * @param defaultMaxLength maximum tokens per text (specials included) when the file sets no truncation
     * @throws InvalidInputException      when the file is missing, unreadable, not JSON or inconsistent
     * @throws UnsupportedFormatException when its model is not WordPiece or its normalizer, pre-tokenizer or
     *                                    post-processor is of a kind BERT models do not use
     */
    public static WordPieceTokenizer load(Path tokenizerJson, int defaultMaxLength) {
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        if (Files.isDirectory(tokenizerJson)) {
            throw new InvalidInputException("Tokenizer " + tokenizerJson + " is a folder: choose the tokenizer.json "
                    + "file inside it.");
        }
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return read(in, tokenizerJson.toString(), defaultMaxLength);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("Tokenizer file " + tokenizerJson + " does not exist: choose the "
                    + "tokenizer.json exported with the model (HuggingFace fast-tokenizer format).", e);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read tokenizer file " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a tokenizer from a stream, e.g. a class-path resource; the stream is not closed.
     *
     * @param source           name used in error messages
     * @param defaultMaxLength maximum tokens per text (specials included) when the file sets no truncation
     * @throws InvalidInputException      when the content is not JSON or inconsistent
     * @throws UnsupportedFormatException when the tokenizer is not a BERT WordPiece tokenizer
     */
    public static WordPieceTokenizer read(InputStream json, String source, int defaultMaxLength) {
        if (defaultMaxLength < 3) {
            throw new IllegalArgumentException("defaultMaxLength must be at least 3, was " + defaultMaxLength);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("Tokenizer " + source + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "): choose the tokenizer.json exported with the model, not vocab.txt or tokenizer_config.json.", e);
        }
        if (root == null || !root.isObject() || !root.has("model")) {
            throw new InvalidInputException("Tokenizer " + source + " is not a HuggingFace tokenizer.json (no 'model' "
                    + "entry): choose the tokenizer.json exported with the model, not vocab.txt or tokenizer_config.json.");
        }
        return new WordPieceTokenizer(source, root, defaultMaxLength);
    }

    /** Maximum tokens per encoded text, special tokens included. */
    public int maxLength() {
        return maxLength;
    }

    /** Number of entries in the WordPiece vocabulary. */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** The id of a vocabulary entry, or -1 when it has none. */
    public int idOf(String token) {
        return vocabulary.getOrDefault(token, -1);
    }

    /**
     * The word pieces of a text, without special tokens and without truncation; unknown words appear as the
     * unknown token.
     */
    public List<String> tokenize(String text) {
        String[] byId = tokensById();
        List<String> pieces = new ArrayList<>();
        for (int id : pieceIds(text)) {
            pieces.add(id >= 0 && id < byId.length ? byId[id] : null);
        }
        return pieces;
    }

    private String[] tokensById() {
        String[] byId = tokensById;
        if (byId == null) {
            int max = 0;
            for (int id : vocabulary.values()) {
                max = Math.max(max, id);
            }
            for (AddedToken t : addedTokens) {
                max = Math.max(max, t.id());
            }
            byId = new String[max + 1];
            for (Map.Entry<String, Integer> e : vocabulary.entrySet()) {
                if (e.getValue() >= 0 && byId[e.getValue()] == null) {
                    byId[e.getValue()] = e.getKey();
                }
            }
            for (AddedToken t : addedTokens) {
                if (t.id() >= 0 && byId[t.id()] == null) {
                    byId[t.id()] = t.content();
                }
            }
            tokensById = byId;
        }
        return byId;
    }

    /**
     * Encodes one text: the special tokens around its word pieces, truncated (word pieces dropped from the end)
     * to {@link #maxLength()}.
     *
     * @return token ids, at most {@link #maxLength()} of them
     */
    public int[] encode(String text) {
        int[] pieces = pieceIds(text);
        int room = maxLength - prefixIds.length - suffixIds.length;
        int kept = Math.min(pieces.length, room);
        int[] ids = new int[prefixIds.length + kept + suffixIds.length];
        System.arraycopy(prefixIds, 0, ids, 0, prefixIds.length);
        System.arraycopy(pieces, 0, ids, prefixIds.length, kept);
        System.arraycopy(suffixIds, 0, ids, prefixIds.length + kept, suffixIds.length);
        return ids;
    }

    /** The number of word pieces of a text before truncation, special tokens included. */
    public int countTokens(String text) {
        return pieceIds(text).length + prefixIds.length + suffixIds.length;
    }

    /**
     * Encodes texts into one padded batch.
     *
     * @param texts at least one text
     */
    public Batch encodeBatch(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int[][] encoded = new int[texts.size()][];
        int length = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = encode(texts.get(i));
            length = Math.max(length, encoded[i].length);
        }
        long[] ids = new long[encoded.length * length];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        Arrays.fill(ids, padId);
        for (int i = 0; i < encoded.length; i++) {
            int[] row = encoded[i];
            int offset = i * length;
            int pieces = row.length - prefixIds.length - suffixIds.length;
            for (int t = 0; t < row.length; t++) {
                ids[offset + t] = row[t];
                mask[offset + t] = 1;
                if (t < prefixIds.length) {
                    types[offset + t] = prefixTypes[t];
                } else if (t < prefixIds.length + pieces) {
                    types[offset + t] = sequenceType;
                } else {
                    types[offset + t] = suffixTypes[t - prefixIds.length - pieces];
                }
            }
        }
        return new Batch(encoded.length, length, ids, mask, types);
    }

    private int[] pieceIds(String text) {
        Objects.requireNonNull(text, "text");
        IntList out = new IntList(text.length() / 3 + 4);
        int start = 0;
        while (start <= text.length()) {
            int bestAt = -1;
            AddedToken best = null;
            for (AddedToken t : addedTokens) {
                int at = text.indexOf(t.content(), start);
                if (at >= 0 && (bestAt < 0 || at < bestAt)) {
                    bestAt = at;
                    best = t;
                }
            }
            String segment = bestAt < 0 ? text.substring(start) : text.substring(start, bestAt);
            wordPieces(normalizer.apply(segment), out);
            if (best == null) {
                break;
            }
            out.add(best.id());
            start = bestAt + best.content().length();
        }
        return out.toArray();
    }

    /** BERT pre-tokenization (whitespace removed, punctuation isolated), then WordPiece on every word. */
    private void wordPieces(String normalized, IntList out) {
        int n = normalized.length();
        int wordStart = -1;
        for (int i = 0; i < n; ) {
            int cp = normalized.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhitespace(cp) || isPunctuation(cp)) {
                if (wordStart >= 0) {
                    wordPiece(normalized.substring(wordStart, i), out);
                    wordStart = -1;
                }
                if (!isWhitespace(cp)) {
                    wordPiece(normalized.substring(i, next), out);
                }
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            wordPiece(normalized.substring(wordStart), out);
        }
    }

    /** Greedy longest-match-first split of one word; the whole word becomes the unknown token if any part fails. */
    private void wordPiece(String word, IntList out) {
        int[] cps = word.codePoints().toArray();
        if (cps.length > maxCharsPerWord) {
            out.add(unknownId);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < cps.length) {
            Integer found = null;
            int end = cps.length;
            while (start < end) {
                String piece = new String(cps, start, end - start);
                if (start > 0) {
                    piece = continuationPrefix + piece;
                }
                found = vocabulary.get(piece);
                if (found != null) {
                    break;
                }
                end--;
            }
            if (found == null) {
                out.truncate(mark);
                out.add(unknownId);
                return;
            }
            out.add(found);
            start = end;
        }
    }

    // ---- normalizers -------------------------------------------------------------------------------------------

    private UnaryOperator<String> normalizer(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return UnaryOperator.identity();
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "BertNormalizer": {
                boolean clean = node.path("clean_text").asBoolean(true);
                boolean chinese = node.path("handle_chinese_chars").asBoolean(true);
                boolean lowercase = node.path("lowercase").asBoolean(true);
                JsonNode strip = node.path("strip_accents");
                // an unset strip_accents follows lowercase, as in BERT's uncased models
                boolean stripAccents = strip.isBoolean() ? strip.asBoolean() : lowercase;
                return text -> {
                    String s = text;
                    if (clean) {
                        s = cleanText(s);
                    }
                    if (chinese) {
                        s = isolateCjk(s);
                    }
                    if (stripAccents) {
                        s = removeNonSpacingMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
                    }
                    if (lowercase) {
                        s = s.toLowerCase(Locale.ROOT);
                    }
                    return s;
                };
            }
            case "Lowercase":
                return s -> s.toLowerCase(Locale.ROOT);
            case "StripAccents":
                return WordPieceTokenizer::removeNonSpacingMarks;
            case "NFD":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFD);
            case "NFC":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFC);
            case "NFKD":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFKD);
            case "NFKC":
                return s -> Normalizer.normalize(s, Normalizer.Form.NFKC);
            case "Sequence": {
                List<UnaryOperator<String>> steps = new ArrayList<>();
                for (JsonNode step : node.path("normalizers")) {
                    steps.add(normalizer(step));
                }
                return text -> {
                    String s = text;
                    for (UnaryOperator<String> step : steps) {
                        s = step.apply(s);
                    }
                    return s;
                };
            }
            default:
                throw new UnsupportedFormatException("Tokenizer " + source + " uses the normalizer '" + type
                        + "', which BERT tokenizers do not use (supported: BertNormalizer, Lowercase, StripAccents, "
                        + "NFD, NFC, NFKD, NFKC and Sequences of them): use the tokenizer.json of a BERT-family model.");
        }
    }

    /** Drops NUL, U+FFFD and control, format and private-use characters; folds whitespace to a space. */
    static String cleanText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            b.appendCodePoint(isWhitespace(cp) ? ' ' : cp);
        });
        return b.toString();
    }

    static String isolateCjk(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                b.append(' ').appendCodePoint(cp).append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    static String removeNonSpacingMarks(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Unicode's White_Space property (not Java's isWhitespace, which omits no-break spaces). */
    static boolean isWhitespace(int cp) {
        return cp >= 0x09 && cp <= 0x0D || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || cp >= 0x2000 && cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /**
     * Control, format, private-use and surrogate characters (Cc, Cf, Co, Cs) except tab, line feed and carriage
     * return. Unassigned code points (Cn) are kept, as HuggingFace's tokenizers keep them.
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    /** ASCII punctuation and symbols, or any Unicode punctuation category (P*). */
    static boolean isPunctuation(int cp) {
        if (cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** The CJK Unified Ideographs blocks (not Hangul, Hiragana or Katakana), as BERT defines them. */
    static boolean isCjk(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2B73F || cp >= 0x2B740 && cp <= 0x2B81F || cp >= 0x2B820 && cp <= 0x2CEAF
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
    }

    // ---- post-processor ----------------------------------------------------------------------------------------

    /** Fills the special tokens placed before and after a single sequence; returns the sequence's type id. */
    private int postProcessor(JsonNode node, List<int[]> prefix, List<int[]> suffix) {
        String type = node.path("type").asText("");
        switch (type) {
            case "TemplateProcessing": {
                Map<String, Integer> specialIds = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.path("special_tokens").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode ids = e.getValue().path("ids");
                    if (ids.size() != 1) {
                        throw new UnsupportedFormatException("Tokenizer " + source + ": special token '" + e.getKey()
                                + "' of the post-processor maps to " + ids.size() + " ids; BERT uses one per token.");
                    }
                    specialIds.put(e.getKey(), ids.get(0).asInt());
                }
                boolean seenSequence = false;
                int sequenceType = 0;
                for (JsonNode item : node.path("single")) {
                    if (item.has("Sequence")) {
                        seenSequence = true;
                        sequenceType = item.path("Sequence").path("type_id").asInt(0);
                    } else if (item.has("SpecialToken")) {
                        String id = item.path("SpecialToken").path("id").asText();
                        Integer tokenId = specialIds.containsKey(id) ? specialIds.get(id) : vocabulary.get(id);
                        if (tokenId == null) {
                            throw new InvalidInputException("Tokenizer " + source + ": the post-processor names the "
                                    + "special token '" + id + "', which has no id: the file is damaged; export it again.");
                        }
                        int[] entry = {tokenId, item.path("SpecialToken").path("type_id").asInt(0)};
                        (seenSequence ? suffix : prefix).add(entry);
                    }
                }
                if (!seenSequence) {
                    throw new InvalidInputException("Tokenizer " + source + ": the post-processor's single template "
                            + "has no sequence: the file is damaged; export it again.");
                }
                return sequenceType;
            }
            case "BertProcessing":
                prefix.add(new int[] {node.path("cls").path(1).asInt(), 0});
                suffix.add(new int[] {node.path("sep").path(1).asInt(), 0});
                return 0;
            case "":
                // no post-processor: BERT's [CLS] … [SEP] when the vocabulary has them
                if (node.isMissingNode() || node.isNull()) {
                    Integer cls = vocabulary.get("[CLS]");
                    Integer sep = vocabulary.get("[SEP]");
                    if (cls != null && sep != null) {
                        prefix.add(new int[] {cls, 0});
                        suffix.add(new int[] {sep, 0});
                    }
                    return 0;
                }
                // fall through: an object without a type
            default:
                throw new UnsupportedFormatException("Tokenizer " + source + " uses the post-processor '" + type
                        + "'; BERT tokenizers use TemplateProcessing or BertProcessing: use the tokenizer.json of a "
                        + "BERT-family model.");
        }
    }

    /** Growable int array, to avoid boxing in the hot path. */
    private static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(capacity, 8)];
        }

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        void truncate(int newSize) {
            size = newSize;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
