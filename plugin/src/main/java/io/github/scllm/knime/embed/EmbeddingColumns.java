package io.github.scllm.knime.embed;

import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataType;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.ExecutionMonitor;

import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.EmbedderIdentity;

/**
 * The embedding column: a dense double vector column whose properties record what produced it, so that a
 * downstream node can check that vectors it combines come from one model.
 */
public final class EmbeddingColumns {
    /** Column property: provider id, e.g. {@code openai}. */
    public static final String PROVIDER = "scllm.embedding.provider";
    /** Column property: model or deployment name. */
    public static final String MODEL = "scllm.embedding.model";
    /** Column property: requested dimensions, 0 for the model's native size. */
    public static final String REQUESTED_DIMENSIONS = "scllm.embedding.requested_dimensions";
    /** Column property: the vector length, when known. */
    public static final String DIMENSION = "scllm.embedding.dimension";
    /** Column property of cell embeddings: how gene vectors were combined. */
    public static final String CELL_METHOD = "scllm.embedding.cell_method";

    /** The type of embedding columns. */
    public static final DataType TYPE = DoubleVectorCellFactory.TYPE;

    private EmbeddingColumns() {
    }

    /**
     * @param name      column name
     * @param provider  provider id, never null
     * @param identity  the embedder, or null when not known before execution (then only the provider is recorded)
     * @param dimension vector length, or 0 when not known yet
     * @return the column spec with the properties set
     */
    public static DataColumnSpec spec(String name, String provider, EmbedderIdentity identity, int dimension) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(PROVIDER, identity == null ? provider : identity.provider());
        if (identity != null) {
            props.put(MODEL, identity.model());
            props.put(REQUESTED_DIMENSIONS, Integer.toString(identity.dimensions()));
        }
        if (dimension > 0) {
            props.put(DIMENSION, Integer.toString(dimension));
        }
        return spec(name, props);
    }

    /**
     * @param name  column name
     * @param props column properties
     * @return a double vector column spec with these properties
     */
    public static DataColumnSpec spec(String name, Map<String, String> props) {
        DataColumnSpecCreator c = new DataColumnSpecCreator(name, TYPE);
        c.setProperties(new DataColumnProperties(props));
        return c.createSpec();
    }

    /** @return the embedding properties of a column (those this class defines), in a mutable map */
    public static Map<String, String> propertiesOf(DataColumnSpec column) {
        Map<String, String> out = new LinkedHashMap<>();
        DataColumnProperties p = column.getProperties();
        for (String key : new String[] {PROVIDER, MODEL, REQUESTED_DIMENSIONS, DIMENSION}) {
            if (p.containsProperty(key)) {
                out.put(key, p.getProperty(key));
            }
        }
        return out;
    }

    /** @return whether the column holds double vectors */
    public static boolean isVectorColumn(DataColumnSpec column) {
        return column.getType().isCompatible(DoubleVectorValue.class);
    }

    /** @return the vector as doubles */
    public static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** @return the vector as floats */
    public static float[] toFloats(DoubleVectorValue v) {
        float[] f = new float[v.getLength()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v.getValue(i);
        }
        return f;
    }

    /** @return a listener forwarding the engine's progress to the node's monitor */
    public static ProgressListener progressOf(ExecutionMonitor exec) {
        return (fraction, message) -> exec.setProgress(fraction, message);
    }
}
