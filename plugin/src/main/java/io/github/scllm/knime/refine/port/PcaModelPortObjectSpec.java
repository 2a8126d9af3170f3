package io.github.scllm.knime.refine.port;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What an Expression PCA Predictor must know before execution: the expression column the model reads, the genes it
 * was fitted on (in the column's order), how the column's values are normalised and how many components it outputs.
 */
public final class PcaModelPortObjectSpec extends AbstractSimplePortObjectSpec {
    private static final String COLUMN_CFG = "expression_column";
    private static final String GENES_CFG = "genes";
    private static final String GENE_COUNT_CFG = "gene_count";
    private static final String VALUES_CFG = "input_values";
    private static final String COMPONENTS_CFG = "components";

    private String column = "";
    private String[] genes = new String[0];
    private int geneCount = -1;
    private String inputValues = ExpressionInput.COUNTS;
    private int components;

    /** For the framework's deserialisation. */
    public PcaModelPortObjectSpec() {
    }

    /**
     * @param column the expression column
     * @param genes the column's gene names (may be empty when the column names none)
     * @param geneCount number of genes of the column, -1 when not known yet
     * @param inputValues one of {@link ExpressionInput#VALUE_CHOICES}
     * @param components number of principal components
     */
    public PcaModelPortObjectSpec(String column, String[] genes, int geneCount, String inputValues, int components) {
        this.column = column;
        this.genes = genes.clone();
        this.geneCount = geneCount;
        this.inputValues = inputValues;
        this.components = components;
    }

    /** @return the expression column the model reads */
    public String column() {
        return column;
    }

    /** @return the gene names of the training column, possibly empty */
    public String[] genes() {
        return genes.clone();
    }

    /** @return the number of genes the model expects, -1 when not known */
    public int geneCount() {
        return geneCount;
    }

    /** @return whether the model normalises raw counts ({@link ExpressionInput#COUNTS}) or reads log values */
    public String inputValues() {
        return inputValues;
    }

    /** @return number of principal components the model outputs */
    public int components() {
        return components;
    }

    @Override
    protected void save(ModelContentWO model) {
        model.addString(COLUMN_CFG, column);
        model.addStringArray(GENES_CFG, genes);
        model.addInt(GENE_COUNT_CFG, geneCount);
        model.addString(VALUES_CFG, inputValues);
        model.addInt(COMPONENTS_CFG, components);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        column = model.getString(COLUMN_CFG);
        genes = model.getStringArray(GENES_CFG);
        geneCount = model.getInt(GENE_COUNT_CFG);
        inputValues = model.getString(VALUES_CFG);
        components = model.getInt(COMPONENTS_CFG);
    }

    /** Writes and reads the spec in a port's zip stream. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<PcaModelPortObjectSpec> {
    }
}
