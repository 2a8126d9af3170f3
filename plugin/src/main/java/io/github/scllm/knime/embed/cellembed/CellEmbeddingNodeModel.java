package io.github.scllm.knime.embed.cellembed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.container.SingleCellFactory;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PartitionInfo;
import org.knime.core.node.streamable.PortInput;
import org.knime.core.node.streamable.PortObjectInput;
import org.knime.core.node.streamable.PortOutput;
import org.knime.core.node.streamable.StreamableOperator;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.embed.CellEmbedder;
import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.StreamedChunks;

/**
 * Appends each cell's embedding: the weighted mean of its top genes' embeddings (GenePT-w). The cells stream through
 * a column rearranger, also in KNIME's streaming executor, in any number of partitions.
 */
final class CellEmbeddingNodeModel extends SettingsNodeModel<CellEmbeddingNodeSettings> {
    CellEmbeddingNodeModel() {
        super(2, 1, new CellEmbeddingNodeSettings());
    }

    /** Column indices of both inputs, checked. */
    private record Columns(int genes, int weights, int symbol, int vector) {
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        Columns c = columns(inSpecs[0], inSpecs[1]);
        return new DataTableSpec[] {new DataTableSpec(inSpecs[0], new DataTableSpec(outColumn(inSpecs[0],
            inSpecs[1].getColumnSpec(c.vector()))))};
    }

    private Columns columns(DataTableSpec cells, DataTableSpec genes) throws InvalidSettingsException {
        int g = listColumn(cells, settings.genesColumnModel().getStringValue(), StringValue.class, "gene symbols",
            "Top genes");
        int w = -1;
        if (!settings.uniformWeightsModel().getBooleanValue()) {
            w = listColumn(cells, settings.weightsColumnModel().getStringValue(), DoubleValue.class, "gene weights",
                "Top gene weights");
        }
        String symbol = settings.symbolColumnModel().getStringValue();
        if (symbol == null || symbol.isBlank()) {
            symbol = first(genes, StringValue.class, "a string column of gene symbols");
            settings.symbolColumnModel().setStringValue(symbol);
        }
        String vector = settings.vectorColumnModel().getStringValue();
        if (vector == null || vector.isBlank()) {
            vector = first(genes, DoubleVectorValue.class, "a vector column of gene embeddings (LLM Embed output)");
            settings.vectorColumnModel().setStringValue(vector);
        }
        int s = genes.findColumnIndex(symbol);
        if (s < 0 || !genes.getColumnSpec(s).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("The gene embedding table has no string column '" + symbol
                + "': choose the gene symbol column.");
        }
        int v = genes.findColumnIndex(vector);
        if (v < 0 || !EmbeddingColumns.isVectorColumn(genes.getColumnSpec(v))) {
            throw new InvalidSettingsException("The gene embedding table has no vector column '" + vector
                + "': choose the embedding column made by LLM Embed.");
        }
        return new Columns(g, w, s, v);
    }

    private static int listColumn(DataTableSpec spec, String name, Class<? extends org.knime.core.data.DataValue>
        element, String what, String producer) throws InvalidSettingsException {
        int i = spec.findColumnIndex(name);
        if (i < 0) {
            throw new InvalidSettingsException("The cell table has no column '" + name + "' of " + what
                + ": connect the Top Genes output or choose the list column holding the " + what + " (Top Genes "
                + "names it '" + producer + "').");
        }
        DataType t = spec.getColumnSpec(i).getType();
        if (!t.isCollectionType() || t.getCollectionElementType() == null
            || !t.getCollectionElementType().isCompatible(element)) {
            throw new InvalidSettingsException("The column '" + name + "' is not a list of " + what + ".");
        }
        return i;
    }

    private static String first(DataTableSpec spec, Class<? extends org.knime.core.data.DataValue> type, String what)
        throws InvalidSettingsException {
        for (DataColumnSpec c : spec) {
            if (c.getType().isCompatible(type)) {
                return c.getName();
            }
        }
        throw new InvalidSettingsException("The gene embedding table (second input) has no " + what + ".");
    }

    private DataColumnSpec outColumn(DataTableSpec cells, DataColumnSpec geneVectors) throws InvalidSettingsException {
        String name = settings.outputColumnModel().getStringValue().strip();
        if (cells.containsName(name)) {
            throw new InvalidSettingsException("The cell table already has a column '" + name + "': choose another "
                + "output column name.");
        }
        Map<String, String> props = EmbeddingColumns.propertiesOf(geneVectors);
        CellEmbedder.Options o = settings.toOptions();
        props.put(EmbeddingColumns.CELL_METHOD, (o.uniformWeights() ? "uniform" : "expression") + "-weighted mean"
            + (o.l2Normalize() ? ", L2-normalised" : ""));
        return EmbeddingColumns.spec(name, props);
    }

    /** The rearranger appending the cell embeddings, and the counts behind the warning. */
    private record Embedding(ColumnRearranger rearranger, AtomicLong noGene, AtomicLong noList, long skippedGenes) {
        /** @return the warning for the user, or null */
        String warning() {
            StringBuilder sb = new StringBuilder();
            if (noGene.get() > 0) {
                sb.append(noGene.get()).append(" cells have no top gene with an embedding and got a missing value; ")
                    .append("embed the descriptions of more genes or check that the symbols match. ");
            }
            if (noList.get() > 0) {
                sb.append(noList.get()).append(" cells have a missing gene or weight list and got a missing value. ");
            }
            if (skippedGenes > 0) {
                sb.append(skippedGenes).append(" gene rows with a missing symbol or embedding were ignored.");
            }
            return sb.length() > 0 ? sb.toString().trim() : null;
        }
    }

    /** Reads the gene embeddings and builds the per-row computation. */
    private Embedding embedding(DataTableSpec cells, BufferedDataTable genes)
        throws InvalidSettingsException, KNIMEException {
        Columns c = columns(cells, genes.getDataTableSpec());
        Map<String, float[]> vectors = new HashMap<>();
        long skippedGenes = 0;
        for (DataRow row : genes) {
            DataCell s = row.getCell(c.symbol());
            DataCell v = row.getCell(c.vector());
            if (s.isMissing() || v.isMissing()) {
                skippedGenes++;
                continue;
            }
            vectors.put(((StringValue)s).getStringValue(), EmbeddingColumns.toFloats((DoubleVectorValue)v));
        }
        CellEmbedder embedder;
        try {
            embedder = new CellEmbedder(vectors, settings.toOptions());
        } catch (EngineException e) {
            throw new KNIMEException(e.getMessage(), e);
        }

        AtomicLong noGene = new AtomicLong();
        AtomicLong noList = new AtomicLong();
        DataColumnSpec out = outColumn(cells, genes.getDataTableSpec().getColumnSpec(c.vector()));
        ColumnRearranger r = new ColumnRearranger(cells);
        r.append(new SingleCellFactory(out) {
            @Override
            public DataCell getCell(DataRow row) {
                DataCell g = row.getCell(c.genes());
                DataCell w = c.weights() < 0 ? null : row.getCell(c.weights());
                if (g.isMissing() || (w != null && w.isMissing())) {
                    noList.incrementAndGet();
                    return DataType.getMissingCell();
                }
                String[] symbols = strings((CollectionDataValue)g);
                float[] weights = w == null ? new float[0] : floats((CollectionDataValue)w);
                if (w != null && weights.length != symbols.length) {
                    throw new IllegalStateException("Row " + row.getKey() + " has " + symbols.length + " top genes "
                        + "but " + weights.length + " weights: the gene and weight lists must come from the same "
                        + "Top Genes run.");
                }
                float[] cell = embedder.embed(symbols, weights);
                if (cell == null) {
                    noGene.incrementAndGet();
                    return DataType.getMissingCell();
                }
                return DoubleVectorCellFactory.createCell(EmbeddingColumns.toDoubles(cell));
            }
        });
        return new Embedding(r, noGene, noList, skippedGenes);
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable cells = inData[0];
        Embedding e = embedding(cells.getDataTableSpec(), inData[1]);
        exec.checkCanceled();
        BufferedDataTable result = exec.createColumnRearrangeTable(cells, e.rearranger(), exec);
        if (e.warning() != null) {
            setWarningMessage(e.warning());
        }
        return new BufferedDataTable[] {result};
    }

    /** Each cell's embedding depends on that cell and the gene table: cells stream, the gene table comes whole. */
    @Override
    public InputPortRole[] getInputPortRoles() {
        return new InputPortRole[] {InputPortRole.DISTRIBUTED_STREAMABLE, InputPortRole.NONDISTRIBUTED_NONSTREAMABLE};
    }

    @Override
    public OutputPortRole[] getOutputPortRoles() {
        return StreamedChunks.distributedOutput();
    }

    @Override
    public StreamableOperator createStreamableOperator(PartitionInfo partitionInfo, PortObjectSpec[] inSpecs)
        throws InvalidSettingsException {
        DataTableSpec cells = (DataTableSpec)inSpecs[0];
        columns(cells, (DataTableSpec)inSpecs[1]);
        return new StreamableOperator() {
            @Override
            public void runFinal(PortInput[] inputs, PortOutput[] outputs, ExecutionContext exec) throws Exception {
                Embedding e = embedding(cells, (BufferedDataTable)((PortObjectInput)inputs[1]).getPortObject());
                e.rearranger().createStreamableFunction().runFinal(inputs, outputs, exec);
                if (e.warning() != null) {
                    setWarningMessage(e.warning());
                }
            }
        };
    }

    private static String[] strings(CollectionDataValue list) {
        String[] out = new String[list.size()];
        int i = 0;
        for (DataCell e : list) {
            out[i++] = e.isMissing() ? null : ((StringValue)e).getStringValue();
        }
        return out;
    }

    private static float[] floats(CollectionDataValue list) {
        float[] out = new float[list.size()];
        int i = 0;
        for (DataCell e : list) {
            out[i++] = e.isMissing() ? 0f : (float)((DoubleValue)e).getDoubleValue();
        }
        return out;
    }
}
