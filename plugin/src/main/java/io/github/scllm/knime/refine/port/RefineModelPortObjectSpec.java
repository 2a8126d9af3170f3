package io.github.scllm.knime.refine.port;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What a Contrastive Refine Predictor must know before execution: the vector columns the head reads, in order, with
 * their dimensions (-1 where not known before the learner ran), and the dimension of the refined vectors.
 */
public final class RefineModelPortObjectSpec extends AbstractSimplePortObjectSpec {
    private static final String COLUMNS_CFG = "input_columns";
    private static final String DIMENSIONS_CFG = "input_dimensions";
    private static final String OUTPUT_CFG = "output_dimension";
    private static final String LABEL_CFG = "label_column";

    private String[] columns = new String[0];
    private int[] dimensions = new int[0];
    private int outputDimension;
    private String labelColumn = "";

    /** For the framework's deserialisation. */
    public RefineModelPortObjectSpec() {
    }

    /**
     * @param columns the input vector columns, in order
     * @param dimensions their dimensions, same order, -1 where unknown
     * @param outputDimension dimension of the refined vectors
     * @param labelColumn the label column the head was trained on
     */
    public RefineModelPortObjectSpec(String[] columns, int[] dimensions, int outputDimension, String labelColumn) {
        if (columns.length != dimensions.length) {
            throw new IllegalArgumentException(columns.length + " columns but " + dimensions.length + " dimensions");
        }
        this.columns = columns.clone();
        this.dimensions = dimensions.clone();
        this.outputDimension = outputDimension;
        this.labelColumn = labelColumn;
    }

    /** @return the input vector columns, in order */
    public String[] columns() {
        return columns.clone();
    }

    /** @return the dimension of each input column, -1 where unknown */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** @return dimension of the refined vectors */
    public int outputDimension() {
        return outputDimension;
    }

    /** @return the label column of the training table */
    public String labelColumn() {
        return labelColumn;
    }

    @Override
    protected void save(ModelContentWO model) {
        model.addStringArray(COLUMNS_CFG, columns);
        model.addIntArray(DIMENSIONS_CFG, dimensions);
        model.addInt(OUTPUT_CFG, outputDimension);
        model.addString(LABEL_CFG, labelColumn);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        columns = model.getStringArray(COLUMNS_CFG);
        dimensions = model.getIntArray(DIMENSIONS_CFG);
        outputDimension = model.getInt(OUTPUT_CFG);
        labelColumn = model.getString(LABEL_CFG);
        if (columns.length != dimensions.length) {
            throw new InvalidSettingsException("The saved contrastive model names " + columns.length
                + " input columns but " + dimensions.length + " dimensions; re-execute the learner.");
        }
    }

    /** Writes and reads the spec in a port's zip stream. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<RefineModelPortObjectSpec> {
    }
}
