package org.knime.core.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.scllm.shim.harness.RecordingExecution;

class ExecutionMonitorTest {

    @Test
    void checkCanceledThrowsOnlyAfterCancelWasRequested() throws Exception {
        DefaultNodeProgressMonitor p = new DefaultNodeProgressMonitor();
        ExecutionMonitor m = new ExecutionMonitor(p);
        m.checkCanceled();
        p.setExecuteCanceled();
        assertThrows(CanceledExecutionException.class, m::checkCanceled);
        assertThrows(CanceledExecutionException.class, () -> m.createSubProgress(0.5).checkCanceled());
    }

    @Test
    void subProgressMapsOntoItsShareOfTheParent() {
        RecordingExecution exec = new RecordingExecution();
        ExecutionContext ctx = exec.context();
        ctx.setProgress(0.2, "reading");
        ExecutionContext sub = ctx.createSubExecutionContext(0.5);
        sub.setProgress(0.5);
        sub.setProgress(1.0, "done part");
        assertEquals(List.of(0.2, 0.45, 0.7), exec.progressHistory());
        assertEquals(List.of("reading", "done part"), exec.messages());
    }

    @Test
    void silentSubProgressDoesNotForwardMessages() {
        RecordingExecution exec = new RecordingExecution();
        exec.context().createSilentSubProgress(0.3).setProgress(1.0, "hidden");
        assertEquals(List.of(0.3), exec.progressHistory());
        assertEquals(List.of(), exec.messages());
    }

    @Test
    void subProgressShareOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutionMonitor().createSubProgress(1.5));
    }

    @Test
    void recordingExecutionCancelsAfterTheRequestedNumberOfReports() throws Exception {
        RecordingExecution exec = new RecordingExecution();
        exec.cancelAfterProgressReports(2);
        exec.context().setProgress(0.1);
        exec.context().checkCanceled();
        exec.context().setProgress(0.2);
        assertThrows(CanceledExecutionException.class, () -> exec.context().checkCanceled());
    }
}
