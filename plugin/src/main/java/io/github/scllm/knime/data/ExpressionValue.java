package io.github.scllm.knime.data;

import org.knime.core.data.DataValue;

/**
 * A cell's expression over a gene vocabulary, stored sparsely: only non-zero genes, ascending gene index. The gene
 * names are the column's element names ({@code DataColumnSpec.getElementNames()}), so downstream nodes can name the
 * genes without a second input.
 */
public interface ExpressionValue extends DataValue {

    /** @return the vocabulary size (number of genes of the column) */
    int geneCount();

    /** @return the number of stored (non-zero) genes */
    int storedCount();

    /** @return the gene index of the {@code k}-th stored value, {@code 0 <= k < storedCount()} */
    int storedGene(int k);

    /** @return the {@code k}-th stored value */
    float storedValue(int k);

    /** @return the value of gene {@code gene} (zero when not stored) */
    float valueOf(int gene);

    /** @return the sum of all values (a cell's library size when the values are counts) */
    double total();
}
