package io.github.scllm.knime.report.umap;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.cluster.WeightedGraph;
import io.github.scllm.core.report.Umap;
import io.github.scllm.knime.cluster.GraphTables;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.VectorColumns;

/** UMAP: a vector column (and optionally Cluster Cells' graph) in; the table with umap_1 and umap_2 out. */
final class UmapNodeModel extends SettingsNodeModel<UmapNodeSettings> {
    static final String X = "umap_1";
    static final String Y = "umap_2";
    /** Exact neighbour search up to this many cells, HNSW above (as Cluster Cells' default). */
    private static final int EXACT_UP_TO = 100_000;

    UmapNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[] {BufferedDataTable.TYPE}, new UmapNodeSettings());
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = (DataTableSpec) inSpecs[0];
        vectorColumn(in);
        if (inSpecs[1] != null) {
            GraphTables.check((DataTableSpec) inSpecs[1]);
        }
        settings.toOptions();
        return new PortObjectSpec[] {outSpec(in)};
    }

    private int vectorColumn(DataTableSpec spec) throws InvalidSettingsException {
        String name = settings.vectorColumnModel().getStringValue();
        if ((name == null || name.isBlank()) && VectorColumns.candidates(spec).size() == 1) {
            name = VectorColumns.candidates(spec).get(0);
            settings.vectorColumnModel().setStringValue(name);
        }
        return VectorColumns.indices(spec, name == null || name.isBlank() ? new String[0] : new String[] {name},
            "input table")[0];
    }

    private static DataTableSpec outSpec(DataTableSpec in) {
        return VectorColumns.appendSpec(in,
            new DataColumnSpecCreator(VectorColumns.uniqueName(in, X), DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(VectorColumns.uniqueName(in, Y), DoubleCell.TYPE).createSpec());
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        BufferedDataTable table = (BufferedDataTable) inObjects[0];
        int column = vectorColumn(table.getDataTableSpec());
        Umap.Options options = settings.toOptions();
        DistanceMetric metric = settings.metric();
        float[][] vectors = VectorColumns.read(table, new int[] {column}, -1, null, "input table",
            exec.createSubProgress(0.1)).blocks().get(0);
        WeightedGraph graph = inObjects[1] == null ? null
            : GraphTables.read((BufferedDataTable) inObjects[1], GraphTables.rowIds(table));
        float[][] xy = EngineBridge.run(() -> graph == null
            ? Umap.layout(vectors, metric, EXACT_UP_TO, options, EngineBridge.cancellation(exec),
                EngineBridge.progress(exec.createSubProgress(0.8)))
            : Umap.layout(vectors, graph, options, EngineBridge.cancellation(exec),
                EngineBridge.progress(exec.createSubProgress(0.8))));
        return new PortObject[] {VectorColumns.append(table, outSpec(table.getDataTableSpec()),
            i -> new DataCell[] {new DoubleCell(xy[i][0]), new DoubleCell(xy[i][1])},
            exec.createSubExecutionContext(0.1))};
    }
}
