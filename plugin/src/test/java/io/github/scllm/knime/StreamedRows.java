package io.github.scllm.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;

import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Streaming;
import io.github.scllm.shim.harness.Tables;

/** Checks that a node's streamable operators write the same table as its execute. */
public final class StreamedRows {
    private StreamedRows() {
    }

    /**
     * Executes a fresh model on the inputs, then streams each given partition count through another fresh model, and
     * asserts the same spec, row keys and cells (table output 0).
     *
     * @param fresh makes a model with the settings under test
     * @param partitions the partition counts to stream with
     * @param inputs the node's inputs
     * @return the executed table
     */
    public static BufferedDataTable assertStreamsLikeExecute(Callable<? extends NodeModel> fresh, int[] partitions,
        PortObject... inputs) throws Exception {
        BufferedDataTable executed = (BufferedDataTable) NodeHarness.execute(fresh.call(), new RecordingExecution(),
            inputs)[0];
        for (int p : partitions) {
            BufferedDataTable streamed = (BufferedDataTable) Streaming.run(fresh.call(), new RecordingExecution(), p,
                inputs)[0];
            assertEquals(executed.getDataTableSpec(), streamed.getDataTableSpec(), p + " partition(s): spec");
            assertEquals(cells(executed), cells(streamed), p + " partition(s): rows");
        }
        return executed;
    }

    /** @return per row its key followed by its cells */
    private static List<List<Object>> cells(BufferedDataTable table) {
        List<List<Object>> out = new ArrayList<>();
        for (DataRow row : Tables.rows(table)) {
            List<Object> r = new ArrayList<>();
            r.add(row.getKey().getString());
            for (DataCell c : row) {
                r.add(c);
            }
            out.add(r);
        }
        return out;
    }
}
