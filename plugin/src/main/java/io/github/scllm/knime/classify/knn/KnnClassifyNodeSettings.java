package io.github.scllm.knime.classify.knn;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.defaultnodesettings.SettingsModelStringArray;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.classify.ClassifierKind;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.CorrelationReferenceOptions;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.classify.TieBreak;
import io.github.scllm.core.classify.VoteWeighting;
import io.github.scllm.knime.node.ModelSettings;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.ExpressionInput;

/** The settings of KNN Classify, shared by model and dialog; the only place that names their keys. */
final class KnnClassifyNodeSettings extends ModelSettings {
    static final String KNN = "k-nearest neighbours";
    static final String CENTROID = "nearest centroid";
    static final String LOGISTIC = "logistic regression";
    static final String CORRELATION = "correlation to reference (SingleR-style, expression)";
    static final List<String> CLASSIFIERS = List.of(KNN, CENTROID, LOGISTIC, CORRELATION);
    static final List<String> METRICS = List.of("cosine", "euclidean");
    /** In the order of {@link VoteWeighting}. */
    static final List<String> WEIGHTINGS = List.of("uniform", "distance", "class-balanced",
        "distance, class-balanced");
    static final List<String> TIE_BREAKS = List.of("first label in sorted order", "nearest neighbour's label");

    private static final ClassifierOptions D = ClassifierOptions.DEFAULTS;
    // since the correlation classifier: read with defaults from workflows saved before
    private static final String EXPRESSION_COLUMN_CFG = "expression_column";
    private static final String EXPRESSION_VALUES_CFG = "expression_values";
    private static final String PRUNE_CFG = "prune";

    private final SettingsModelStringArray vectorColumns = new SettingsModelStringArray("vector_columns",
        new String[0]);
    private final SettingsModelString labelColumn = new SettingsModelString("label_column", "");
    private final SettingsModelString classifier = new SettingsModelString("classifier", KNN);
    private final SettingsModelIntegerBounded k = new SettingsModelIntegerBounded("k", D.k(), 1, 100_000);
    private final SettingsModelBoolean capK = new SettingsModelBoolean("cap_k_at_smallest_class",
        D.capKAtSmallestClass());
    private final SettingsModelString metric = new SettingsModelString("metric", METRICS.get(0));
    private final SettingsModelString weighting = new SettingsModelString("weighting", WEIGHTINGS.get(0));
    private final SettingsModelString tieBreak = new SettingsModelString("tie_break", TIE_BREAKS.get(0));
    private final SettingsModelDoubleBounded rejectThreshold =
        new SettingsModelDoubleBounded("reject_threshold", D.rejectThreshold(), 0, 1);
    private final SettingsModelBoolean probabilities = new SettingsModelBoolean("class_probabilities", false);
    private final SettingsModelDoubleBounded inverseRegularization =
        new SettingsModelDoubleBounded("inverse_regularization", D.inverseRegularization(), 1e-12, 1e12);
    private final SettingsModelIntegerBounded maxIterations =
        new SettingsModelIntegerBounded("max_iterations", D.maxIterations(), 1, 1_000_000);
    private final SettingsModelIntegerBounded threads = new SettingsModelIntegerBounded("threads", 0, 0, 1024);
    private final SettingsModelString predictionColumn = new SettingsModelString("prediction_column",
        "Predicted label");
    private final SettingsModelString expressionColumn = new SettingsModelString(EXPRESSION_COLUMN_CFG, "");
    private final SettingsModelString expressionValues = new SettingsModelString(EXPRESSION_VALUES_CFG,
        ExpressionInput.COUNTS);
    private final SettingsModelBoolean prune = new SettingsModelBoolean(PRUNE_CFG,
        CorrelationReferenceOptions.DEFAULTS.prune());

    @Override
    protected List<SettingsModel> models() {
        return List.of(vectorColumns, labelColumn, classifier, k, capK, metric, weighting, tieBreak, rejectThreshold,
            probabilities, inverseRegularization, maxIterations, threads, predictionColumn, expressionColumn,
            expressionValues, prune);
    }

    @Override
    protected NodeSettingsRO completed(NodeSettingsRO saved) {
        if (saved.containsKey(EXPRESSION_COLUMN_CFG) && saved.containsKey(EXPRESSION_VALUES_CFG)
            && saved.containsKey(PRUNE_CFG)) {
            return saved;
        }
        NodeSettings copy = new NodeSettings(saved.getKey());
        saved.copyTo(copy);
        KnnClassifyNodeSettings defaults = new KnnClassifyNodeSettings();
        if (!saved.containsKey(EXPRESSION_COLUMN_CFG)) {
            defaults.expressionColumn.saveSettingsTo(copy);
        }
        if (!saved.containsKey(EXPRESSION_VALUES_CFG)) {
            defaults.expressionValues.saveSettingsTo(copy);
        }
        if (!saved.containsKey(PRUNE_CFG)) {
            defaults.prune.saveSettingsTo(copy);
        }
        return copy;
    }

    @Override
    protected ModelSettings fresh() {
        return new KnnClassifyNodeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        if (predictionColumn.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The prediction column name is empty: enter a name for it.");
        }
        toOptions();
        correlationOptions();
    }

    SettingsModelStringArray vectorColumnsModel() {
        return vectorColumns;
    }

    SettingsModelString labelColumnModel() {
        return labelColumn;
    }

    SettingsModelString classifierModel() {
        return classifier;
    }

    SettingsModelIntegerBounded kModel() {
        return k;
    }

    SettingsModelBoolean capKModel() {
        return capK;
    }

    SettingsModelString metricModel() {
        return metric;
    }

    SettingsModelString weightingModel() {
        return weighting;
    }

    SettingsModelString tieBreakModel() {
        return tieBreak;
    }

    SettingsModelDoubleBounded rejectThresholdModel() {
        return rejectThreshold;
    }

    SettingsModelBoolean probabilitiesModel() {
        return probabilities;
    }

    SettingsModelDoubleBounded inverseRegularizationModel() {
        return inverseRegularization;
    }

    SettingsModelIntegerBounded maxIterationsModel() {
        return maxIterations;
    }

    SettingsModelIntegerBounded threadsModel() {
        return threads;
    }

    SettingsModelString predictionColumnModel() {
        return predictionColumn;
    }

    SettingsModelString expressionColumnModel() {
        return expressionColumn;
    }

    SettingsModelString expressionValuesModel() {
        return expressionValues;
    }

    SettingsModelBoolean pruneModel() {
        return prune;
    }

    /** @return whether the correlation classifier on an expression column is chosen instead of a vector classifier */
    boolean correlation() {
        return CORRELATION.equals(classifier.getStringValue());
    }

    /** @return whether the expression column holds raw counts (log-normalised here) */
    boolean countsInput() throws InvalidSettingsException {
        checkChoice(expressionValues.getStringValue(), ExpressionInput.VALUE_CHOICES, "Expression values");
        return ExpressionInput.COUNTS.equals(expressionValues.getStringValue());
    }

    CorrelationReferenceOptions correlationOptions() throws InvalidSettingsException {
        countsInput();
        return CorrelationReferenceOptions.DEFAULTS.withPrune(prune.getBooleanValue())
            .withThreads(EngineBridge.threads(threads.getIntValue()));
    }

    ClassifierOptions toOptions() throws InvalidSettingsException {
        checkChoice(classifier.getStringValue(), CLASSIFIERS, "Classifier");
        checkChoice(metric.getStringValue(), METRICS, "Distance");
        checkChoice(weighting.getStringValue(), WEIGHTINGS, "Vote weighting");
        checkChoice(tieBreak.getStringValue(), TIE_BREAKS, "Ties");
        ClassifierKind kind = switch (classifier.getStringValue()) {
            case CENTROID -> ClassifierKind.NEAREST_CENTROID;
            case LOGISTIC -> ClassifierKind.LOGISTIC_REGRESSION;
            default -> ClassifierKind.KNN;
        };
        try {
            return new ClassifierOptions(kind, k.getIntValue(), capK.getBooleanValue(),
                METRICS.get(0).equals(metric.getStringValue()) ? DistanceMetric.COSINE : DistanceMetric.EUCLIDEAN,
                VoteWeighting.values()[WEIGHTINGS.indexOf(weighting.getStringValue())],
                TIE_BREAKS.get(0).equals(tieBreak.getStringValue()) ? TieBreak.LABEL_ORDER
                    : TieBreak.NEAREST_NEIGHBOR,
                rejectThreshold.getDoubleValue(), inverseRegularization.getDoubleValue(), maxIterations.getIntValue(),
                EngineBridge.threads(threads.getIntValue()));
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
