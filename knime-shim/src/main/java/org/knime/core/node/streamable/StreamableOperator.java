package org.knime.core.node.streamable;

import org.knime.core.node.ExecutionContext;

/**
 * Executes one partition of a node in streaming mode. Created per partition by
 * {@link org.knime.core.node.NodeModel#createStreamableOperator}.
 */
public abstract class StreamableOperator {

    /** Creates an operator. */
    public StreamableOperator() {
    }

    /**
     * Reads the inputs and writes the outputs; must close every {@link RowOutput}.
     *
     * @param inputs one per input port: {@link RowInput} for streamed ports, {@link PortObjectInput} otherwise
     * @param outputs one per output port: {@link RowOutput} for table ports, {@link PortObjectOutput} otherwise
     * @param exec progress, cancellation and table creation
     * @throws Exception any failure, as in the node's execute
     */
    public abstract void runFinal(PortInput[] inputs, PortOutput[] outputs, ExecutionContext exec) throws Exception;
}
