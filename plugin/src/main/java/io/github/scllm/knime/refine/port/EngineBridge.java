package io.github.scllm.knime.refine.port;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.ProgressListener;

/** Adapts a node's execution monitor to the engine's callbacks and the engine's exceptions to KNIME's. */
public final class EngineBridge {
    private EngineBridge() {
    }

    /** A call into the engine. */
    @FunctionalInterface
    public interface EngineCall<T> {
        /** @return the engine's result */
        T call();
    }

    /**
     * @param exec the node's monitor
     * @return a token that reports the node's cancel request to the engine
     */
    public static CancellationToken cancellation(ExecutionMonitor exec) {
        return () -> {
            try {
                exec.checkCanceled();
                return false;
            } catch (CanceledExecutionException e) {
                return true;
            }
        };
    }

    /**
     * @param exec the node's monitor (usually a sub-progress)
     * @return a listener that forwards the engine's progress
     */
    public static ProgressListener progress(ExecutionMonitor exec) {
        return (fraction, message) -> exec.setProgress(Math.max(0, Math.min(1, fraction)), message);
    }

    /**
     * @param setting the thread setting of a dialog, 0 meaning all cores
     * @return the number of worker threads to use
     */
    public static int threads(int setting) {
        return setting > 0 ? setting : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs an engine call and turns its failures into what the framework shows the user.
     *
     * @param call the call
     * @return its result
     * @throws CanceledExecutionException if the engine stopped on a cancel request
     * @throws KNIMEException carrying the engine's message if the engine rejected the input
     */
    public static <T> T run(EngineCall<T> call) throws CanceledExecutionException, KNIMEException {
        try {
            return call.call();
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (EngineException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }
}
