package io.github.scllm.core.evaluate;

import io.github.scllm.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The annotation methods compared by an {@link Evaluation}, each with the name used on the command line. */
public enum Method {
    /** PCA-50 of z-scored log-normalised expression (fitted on training cells), KNN k = 10, cosine. */
    EXPRESSION_PCA_KNN("expression_pca_knn", false),
    /** L2-penalised multinomial logistic regression on z-scored, clipped log-normalised expression. */
    LOGISTIC_REGRESSION("logistic_regression", false),
    /** GenePT-w cell embeddings of the top genes' text embeddings, KNN, no refinement. */
    DESCRIPTION_KNN("description_knn", true),
    /** GenePT-w refined by a SupCon projection head fitted on the training cells, then KNN: the seed method. */
    DESCRIPTION_CONTRASTIVE_KNN("description_contrastive_knn", true),
    /** [L2(PCA-50) | L2(GenePT-w)] refined by SupCon, then KNN. */
    HYBRID_CONTRASTIVE_KNN("hybrid_contrastive_knn", true),
    /** PCA-50 fitted on all cells without labels, centred on the training cells' mean, nearest class centroid. */
    TRANSDUCTIVE_PCA_CENTROID("transductive_pca_centroid", false),
    /** Control: GenePT-w with every gene's text embedding replaced by a seeded random unit vector, KNN. */
    RANDOM_VECTORS_KNN("random_vectors_knn", true),
    /** Control of the seed method: the random gene vectors of {@link #RANDOM_VECTORS_KNN}, the same SupCon, KNN. */
    RANDOM_VECTORS_CONTRASTIVE_KNN("random_vectors_contrastive_knn", true),
    /** Control of the hybrid: [L2(PCA-50) | L2(GenePT-w of the random gene vectors)] refined by SupCon, then KNN. */
    RANDOM_HYBRID_CONTRASTIVE_KNN("random_hybrid_contrastive_knn", true),
    /**
     * Spearman correlation of log-normalised expression to each class's reference cells on pairwise marker genes,
     * with fine-tuning (SingleR, classic markers).
     */
    CORRELATION_REFERENCE("correlation_reference", false);

    private final String id;
    private final boolean needsGeneVectors;

    Method(String id, boolean needsGeneVectors) {
        this.id = id;
        this.needsGeneVectors = needsGeneVectors;
    }

    /** @return the command-line name, e.g. {@code expression_pca_knn} */
    public String id() {
        return id;
    }

    /** @return whether the method needs gene text embeddings ({@link GeneVectors}) */
    public boolean needsGeneVectors() {
        return needsGeneVectors;
    }

    /**
     * Parses a method name.
     *
     * @param name a command-line name (case-insensitive, surrounding blanks ignored)
     * @return the method
     * @throws InvalidInputException if no method has that name; the message lists the known names
     */
    public static Method parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.id.equals(n)) {
                return m;
            }
        }
        throw new InvalidInputException("Unknown method '" + name + "'. Known methods: " + ids() + ".");
    }

    /**
     * Parses a list of method names, keeping the given order and dropping repeats.
     *
     * @param names command-line names
     * @return the methods
     * @throws InvalidInputException if a name is unknown or the list is empty
     */
    public static List<Method> parseAll(List<String> names) {
        LinkedHashSet<Method> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                out.add(parse(n));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("No method chosen. Known methods: " + ids() + ".");
        }
        return new ArrayList<>(out);
    }

    /** @return every command-line name, comma-separated, in declaration order */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Method::id).toList());
    }
}
