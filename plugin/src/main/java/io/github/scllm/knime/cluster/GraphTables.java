package io.github.scllm.knime.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.cluster.WeightedGraph;

/**
 * A neighbour graph as a KNIME table (one row per undirected edge: source RowID, target RowID, weight), written by
 * Cluster Cells and read back by UMAP so that the picture shows the graph the clusters were found on.
 */
public final class GraphTables {
    /** Column names of the graph table. */
    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    public static final String WEIGHT = "weight";

    private GraphTables() {
    }

    /** @return the RowIDs of a table, in order */
    public static String[] rowIds(BufferedDataTable table) {
        String[] ids = new String[Math.toIntExact(table.size())];
        int i = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                ids[i++] = it.next().getKey().getString();
            }
        }
        return ids;
    }

    /** @return the spec of a graph table */
    public static DataTableSpec spec() {
        return new DataTableSpec("Neighbour graph", new DataColumnSpecCreator(SOURCE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(TARGET, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(WEIGHT, DoubleCell.TYPE).createSpec());
    }

    /**
     * @param spec a table spec
     * @throws InvalidSettingsException if it is not a graph table
     */
    public static void check(DataTableSpec spec) throws InvalidSettingsException {
        if (spec.findColumnIndex(SOURCE) < 0 || spec.findColumnIndex(TARGET) < 0 || spec.findColumnIndex(WEIGHT) < 0) {
            throw new InvalidSettingsException("The graph input needs the columns source, target and weight: connect "
                + "the neighbour graph output of Cluster Cells.");
        }
    }

    /**
     * @param graph the graph
     * @param rowIds the RowID of each node
     * @param exec creates the table
     * @return one row per undirected edge
     */
    public static BufferedDataTable write(WeightedGraph graph, String[] rowIds, ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(spec());
        long row = 0;
        for (int i = 0; i < graph.nodes(); i++) {
            for (int e = graph.offsets()[i]; e < graph.offsets()[i + 1]; e++) {
                int j = graph.targets()[e];
                if (j > i) {
                    out.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(rowIds[i]),
                        new StringCell(rowIds[j]), new DoubleCell(graph.weights()[e])));
                }
            }
        }
        out.close();
        return out.getTable();
    }

    /**
     * Reads a graph table over the rows of another table.
     *
     * @param edges the graph table
     * @param rowIds the RowIDs of the nodes, in node order
     * @return the symmetric graph
     * @throws KNIMEException naming the RowID if an edge refers to a row that is not in the input
     */
    public static WeightedGraph read(BufferedDataTable edges, String[] rowIds) throws KNIMEException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rowIds.length; i++) {
            index.put(rowIds[i], i);
        }
        DataTableSpec spec = edges.getDataTableSpec();
        int s = spec.findColumnIndex(SOURCE);
        int t = spec.findColumnIndex(TARGET);
        int w = spec.findColumnIndex(WEIGHT);
        List<long[]> pairs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (CloseableRowIterator it = edges.iterator()) {
            while (it.hasNext()) {
                DataRow row = it.next();
                if (row.getCell(s).isMissing() || row.getCell(t).isMissing() || row.getCell(w).isMissing()) {
                    continue;
                }
                Integer a = index.get(((StringValue) row.getCell(s)).getStringValue());
                Integer b = index.get(((StringValue) row.getCell(t)).getStringValue());
                if (a == null || b == null) {
                    throw new KNIMEException("Graph edge '" + row.getKey() + "' joins a row that is not in the "
                        + "input table; give UMAP the same rows Cluster Cells clustered (filter after UMAP, not "
                        + "between).");
                }
                double weight = ((DoubleValue) row.getCell(w)).getDoubleValue();
                if (a.intValue() != b.intValue() && weight > 0) {
                    pairs.add(new long[] {a, b});
                    pairs.add(new long[] {b, a});
                    weights.add(weight);
                    weights.add(weight);
                }
            }
        }
        Integer[] order = new Integer[pairs.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (p, q) -> {
            int c = Long.compare(pairs.get(p)[0], pairs.get(q)[0]);
            return c != 0 ? c : Long.compare(pairs.get(p)[1], pairs.get(q)[1]);
        });
        int n = rowIds.length;
        int[] offsets = new int[n + 1];
        int[] targets = new int[order.length];
        double[] ws = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            long[] p = pairs.get(order[k]);
            offsets[(int) p[0] + 1]++;
            targets[k] = (int) p[1];
            ws[k] = weights.get(order[k]);
        }
        for (int i = 0; i < n; i++) {
            offsets[i + 1] += offsets[i];
        }
        return new WeightedGraph(offsets, targets, ws);
    }
}
