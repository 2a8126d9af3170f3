package io.github.scllm.knime.refine.port;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.streamable.InputPortRole;
import org.knime.core.node.streamable.OutputPortRole;
import org.knime.core.node.streamable.PortInput;
import org.knime.core.node.streamable.PortObjectInput;
import org.knime.core.node.streamable.PortOutput;
import org.knime.core.node.streamable.RowInput;
import org.knime.core.node.streamable.RowOutput;
import org.knime.core.node.streamable.StreamableOperator;

/**
 * Streams rows through an engine step that works on chunks of rows (projecting, refining, classifying) and appends
 * its result cells to each row: the engine sees a few hundred rows at a time and no table is materialised. The step's
 * result for a row must not depend on the other rows of its chunk.
 */
public final class StreamedChunks {
    /** Rows per engine call: large enough for the blocked kernels, small enough to bound memory. */
    public static final int CHUNK_ROWS = 512;

    private StreamedChunks() {
    }

    /** Computes the cells to append to each row of a chunk. */
    @FunctionalInterface
    public interface ChunkStep {
        /**
         * @param rows the rows of the chunk, in input order
         * @param firstIndex zero-based index of the first of them in the input (for messages)
         * @return per row the cells to append
         * @throws Exception any failure, as in execute
         */
        DataCell[][] apply(List<DataRow> rows, long firstIndex) throws Exception;

        /** Called once after the last chunk (e.g. to set a warning from counts gathered over the chunks). */
        default void finish() {
        }
    }

    /** Prepares the chunk step of one partition from the input that comes whole. */
    @FunctionalInterface
    public interface StepFactory {
        /**
         * @param whole the object of input port 0 (a model, or a table read completely)
         * @param exec the partition's execution
         * @return the step for the rows of input port 1
         * @throws Exception any failure, as in execute
         */
        ChunkStep start(PortObject whole, ExecutionContext exec) throws Exception;
    }

    /**
     * @return the input roles of a node whose port 0 (a model, a gene table, a labelled reference) every partition
     *         reads whole and whose port 1 streams in any number of partitions
     */
    public static InputPortRole[] wholeThenStreamed() {
        return new InputPortRole[] {InputPortRole.NONDISTRIBUTED_NONSTREAMABLE, InputPortRole.DISTRIBUTED_STREAMABLE};
    }

    /** @return the output roles of a node with one table output written partition by partition */
    public static OutputPortRole[] distributedOutput() {
        return new OutputPortRole[] {OutputPortRole.DISTRIBUTED};
    }

    /**
     * @param factory prepares each partition's step from input port 0
     * @return an operator that reads input port 0 whole, then streams input port 1 into output port 0 chunk by chunk
     */
    public static StreamableOperator operator(StepFactory factory) {
        return new StreamableOperator() {
            @Override
            public void runFinal(PortInput[] inputs, PortOutput[] outputs, ExecutionContext exec) throws Exception {
                ChunkStep step = factory.start(((PortObjectInput) inputs[0]).getPortObject(), exec);
                run((RowInput) inputs[1], (RowOutput) outputs[0], step, exec);
                step.finish();
            }
        };
    }

    /**
     * Reads every row, computes the appended cells chunk by chunk, pushes each input row with its cells in input
     * order, and closes input and output.
     *
     * @param in the streamed input
     * @param out the output
     * @param step the engine step
     * @param exec cancellation and progress (rows done, the total being unknown)
     * @throws Exception whatever the step throws; CanceledExecutionException if cancelled
     */
    public static void run(RowInput in, RowOutput out, ChunkStep step, ExecutionContext exec) throws Exception {
        List<DataRow> chunk = new ArrayList<>(CHUNK_ROWS);
        long done = 0;
        for (DataRow row = in.poll(); row != null; row = in.poll()) {
            chunk.add(row);
            if (chunk.size() == CHUNK_ROWS) {
                done = flush(chunk, done, out, step, exec);
            }
        }
        if (!chunk.isEmpty()) {
            flush(chunk, done, out, step, exec);
        }
        in.close();
        out.close();
    }

    private static long flush(List<DataRow> chunk, long firstIndex, RowOutput out, ChunkStep step,
        ExecutionContext exec) throws Exception {
        exec.checkCanceled();
        DataCell[][] appended = step.apply(chunk, firstIndex);
        for (int i = 0; i < chunk.size(); i++) {
            DataRow row = chunk.get(i);
            List<DataCell> cells = new ArrayList<>(row.getNumCells() + appended[i].length);
            row.forEach(cells::add);
            cells.addAll(List.of(appended[i]));
            out.push(new DefaultRow(row.getKey(), cells));
        }
        long done = firstIndex + chunk.size();
        exec.setMessage(done + " rows done");
        chunk.clear();
        return done;
    }
}
