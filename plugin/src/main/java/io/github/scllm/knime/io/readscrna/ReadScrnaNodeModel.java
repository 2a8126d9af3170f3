package io.github.scllm.knime.io.readscrna;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.InvalidValueException;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.core.io.ReadReport;
import io.github.scllm.knime.node.SettingsNodeModel;

/** Reads a single-cell matrix into a table of cells and a table of genes, streaming the matrix in chunks. */
final class ReadScrnaNodeModel extends SettingsNodeModel<ReadScrnaNodeSettings> {
    /** Cells per chunk: a few MB of values per read, and a cancel check well under a second apart. */
    private static final int CHUNK_CELLS = 2000;

    ReadScrnaNodeModel() {
        super(0, 2, new ReadScrnaNodeSettings());
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        try (CellMatrixReader reader = open()) {
            ScrnaTables tables = new ScrnaTables(reader.summary(), settings.obsColumns());
            return new DataTableSpec[] {tables.cellSpec(), tables.geneSpec()};
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        try (CellMatrixReader reader = open()) {
            MatrixSummary summary = reader.summary();
            ScrnaTables tables = new ScrnaTables(summary, settings.obsColumns());
            int[] selected = settings.toSelection().select(summary.cellCount());

            BufferedDataContainer cells = exec.createDataContainer(tables.cellSpec());
            int done = 0;
            while (done < selected.length) {
                exec.checkCanceled();
                // read the contiguous span (at most CHUNK_CELLS cells) covering the next selected cells, then keep
                // only the selected ones: a sparse random subsample never pulls a large span into memory
                int first = selected[done];
                int last = done;
                while (last + 1 < selected.length && selected[last + 1] - first < CHUNK_CELLS) {
                    last++;
                }
                CellChunk chunk = reader.read(first, selected[last] - first + 1);
                for (int k = done; k <= last; k++) {
                    cells.addRowToTable(tables.cellRow(chunk, selected[k] - first));
                }
                done = last + 1;
                final int n = done;
                exec.setProgress(n / (double) selected.length, () -> n + " of " + selected.length + " cells read");
            }
            cells.close();

            BufferedDataContainer genes = exec.createDataContainer(tables.geneSpec());
            for (int g = 0; g < summary.geneCount(); g++) {
                genes.addRowToTable(tables.geneRow(g));
            }
            genes.close();
            warn(reader.report());
            return new BufferedDataTable[] {cells.getTable(), genes.getTable()};
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidValueException e) {
            throw new KNIMEException(e.getMessage() + " To fix: set Matrix to raw or layer:NAME (the raw counts), or "
                + "set 'Negative or non-finite values' to warn to keep them.", e);
        }
    }

    private CellMatrixReader open() throws InvalidSettingsException {
        return CellMatrixReaders.open(settings.path(), settings.toOptions());
    }

    private void warn(ReadReport report) {
        StringBuilder sb = new StringBuilder();
        if (report.invalidValues() > 0) {
            sb.append(report.invalidValues()).append(" negative or non-finite values were kept as read. ");
        }
        if (report.skippedFeatures() > 0) {
            sb.append(report.skippedFeatures()).append(" features that are not Gene Expression were skipped. ");
        }
        if (report.summedGenesWarning() != null) {
            sb.append(report.summedGenesWarning());
        }
        if (sb.length() > 0) {
            setWarningMessage(sb.toString().trim());
        }
    }
}
