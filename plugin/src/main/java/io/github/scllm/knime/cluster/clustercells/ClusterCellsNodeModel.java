package io.github.scllm.knime.cluster.clustercells;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.cluster.CellClustering;
import io.github.scllm.core.cluster.ClusterOptions;
import io.github.scllm.knime.cluster.GraphTables;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;
import io.github.scllm.knime.refine.port.VectorColumns;

/** Cluster Cells: a vector column in; the table with a cluster column, and the neighbour graph, out. */
final class ClusterCellsNodeModel extends SettingsNodeModel<ClusterCellsNodeSettings> {

    ClusterCellsNodeModel() {
        super(1, 2, new ClusterCellsNodeSettings());
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        vectorColumn(inSpecs[0]);
        settings.toOptions();
        return new DataTableSpec[] {outSpec(inSpecs[0]), GraphTables.spec()};
    }

    /** @return the vector column's index; a sole vector column is chosen when none is set */
    private int vectorColumn(DataTableSpec spec) throws InvalidSettingsException {
        String name = settings.vectorColumnModel().getStringValue();
        if ((name == null || name.isBlank()) && VectorColumns.candidates(spec).size() == 1) {
            name = VectorColumns.candidates(spec).get(0);
            settings.vectorColumnModel().setStringValue(name);
        }
        return VectorColumns.indices(spec, name == null || name.isBlank() ? new String[0] : new String[] {name},
            "input table")[0];
    }

    private DataTableSpec outSpec(DataTableSpec in) {
        return VectorColumns.appendSpec(in, new DataColumnSpecCreator(VectorColumns.uniqueName(in,
            settings.clusterColumnModel().getStringValue()), StringCell.TYPE).createSpec());
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable table = inData[0];
        int column = vectorColumn(table.getDataTableSpec());
        ClusterOptions options = settings.toOptions();
        float[][] vectors = VectorColumns.read(table, new int[] {column}, -1, null, "input table",
            exec.createSubProgress(0.1)).blocks().get(0);
        CellClustering.Result r = EngineBridge.run(() -> CellClustering.cluster(vectors, options,
            EngineBridge.cancellation(exec), EngineBridge.progress(exec.createSubProgress(0.7))));
        BufferedDataTable out = VectorColumns.append(table, outSpec(table.getDataTableSpec()),
            i -> new DataCell[] {new StringCell(r.labels()[i])}, exec.createSubExecutionContext(0.1));
        BufferedDataTable graph = GraphTables.write(r.graph(), GraphTables.rowIds(table), exec);
        return new BufferedDataTable[] {out, graph};
    }
}
