package io.github.scllm.knime.embed.llmembed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.data.container.SingleCellFactory;
import org.knime.core.data.DataType;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.Printable;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.EmbeddingProviders;
import io.github.scllm.core.embed.EmbeddingRun;
import io.github.scllm.core.embed.EmbeddingServiceException;
import io.github.scllm.core.embed.InvalidVectorException;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.embed.ProviderSettings;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.embed.local.LocalModels;
import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.node.WorkflowCredentials;
import io.github.scllm.knime.refine.port.EngineBridge;

/** Appends an embedding of a text column; each distinct text is embedded once, through the cache when it is on. */
final class LlmEmbedNodeModel extends SettingsNodeModel<LlmEmbedNodeSettings> {
    /** Stands in for a key from the environment while configure checks the other settings; never sent. */
    private static final String PROBE_KEY = "configure-check";

    LlmEmbedNodeModel() {
        super(1, 1, new LlmEmbedNodeSettings());
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec in = inSpecs[0];
        textColumn(in);
        ProviderKind kind = settings.kind();
        if (!kind.isRemote()) {
            String reason = LocalModels.unavailableReason().orElse(null);
            if (reason != null) {
                throw new InvalidSettingsException(reason);
            }
        }
        ProviderSettings ps = settings.toProviderSettings(apiKey());
        if (kind.isRemote()) {
            // building a remote provider sends nothing but checks URL, model and deployment; a stand-in key keeps
            // that check independent of this machine's environment
            ProviderSettings probe = ps.apiKey() == null ? ps.toBuilder().apiKey(PROBE_KEY).build() : ps;
            try (TextEmbedder e = EmbeddingProviders.create(probe)) {
                e.identity();
            } catch (EngineException e) {
                throw new InvalidSettingsException(e.getMessage(), e);
            }
            if (ps.apiKey() == null) {
                // an environment variable may be set only where the workflow runs (a server): warn, do not fail
                try (TextEmbedder e = EmbeddingProviders.create(ps)) {
                    e.identity();
                } catch (EngineException e) {
                    setWarningMessage(e.getMessage() + " Execution fails unless it is set where the workflow runs.");
                }
            }
        }
        EmbedderIdentity id = EmbeddingProviders.identityOf(ps).orElse(null);
        DataColumnSpec out = outputColumnSpec(in, kind, id, EmbeddingProviders.expectedDimension(ps));
        return new DataTableSpec[] {new DataTableSpec(in, new DataTableSpec(out))};
    }

    private DataColumnSpec outputColumnSpec(DataTableSpec in, ProviderKind kind, EmbedderIdentity id, int dimension)
        throws InvalidSettingsException {
        String name = settings.outputColumnModel().getStringValue().strip();
        if (name.isEmpty()) {
            throw new InvalidSettingsException("The output column name is empty: give the embedding column a name.");
        }
        if (in.containsName(name)) {
            throw new InvalidSettingsException("The input already has a column '" + name + "': choose another output "
                + "column name.");
        }
        return EmbeddingColumns.spec(name, kind.id(), id, dimension);
    }

    /** @return the index of the text column, guessing and storing one when none is set */
    private int textColumn(DataTableSpec in) throws InvalidSettingsException {
        String name = settings.textColumnModel().getStringValue();
        if (name == null || name.isBlank()) {
            name = guessTextColumn(in);
            settings.textColumnModel().setStringValue(name);
            setWarningMessage("Text column '" + name + "' chosen automatically; pick it in the dialog to keep it.");
        }
        int idx = in.findColumnIndex(name);
        if (idx < 0) {
            throw new InvalidSettingsException("The text column '" + name + "' is not in the input table: choose "
                + "another text column.");
        }
        if (!in.getColumnSpec(idx).getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("The column '" + name + "' does not hold text: choose a string "
                + "column.");
        }
        return idx;
    }

    private static String guessTextColumn(DataTableSpec in) throws InvalidSettingsException {
        String first = null;
        for (DataColumnSpec c : in) {
            if (!c.getType().isCompatible(StringValue.class)) {
                continue;
            }
            String n = c.getName().toLowerCase(Locale.ROOT);
            if (n.contains("description") || n.contains("summary") || n.contains("text") || n.contains("sentence")) {
                return c.getName();
            }
            if (first == null) {
                first = c.getName();
            }
        }
        if (first == null) {
            throw new InvalidSettingsException("The input table has no string column to embed: connect a table with "
                + "texts, e.g. the output of Gene Description Lookup.");
        }
        return first;
    }

    /** @return the key of the chosen KNIME credentials, or null when the key comes from the environment */
    private String apiKey() throws InvalidSettingsException {
        return WorkflowCredentials.apiKey(getCredentialsProvider(), settings.credentialsName());
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable table = inData[0];
        DataTableSpec in = table.getDataTableSpec();
        int col = textColumn(in);

        Map<String, Integer> slot = new LinkedHashMap<>();
        List<String> firstRowKey = new ArrayList<>();
        long missing = 0;
        for (DataRow row : table) {
            DataCell cell = row.getCell(col);
            String text = cell.isMissing() ? null : ((StringValue)cell).getStringValue();
            if (text == null || text.isBlank()) {
                missing++;
            } else if (slot.putIfAbsent(text, slot.size()) == null) {
                firstRowKey.add(row.getKey().getString());
            }
        }
        exec.checkCanceled();

        ProviderSettings ps = settings.toProviderSettings(apiKey());
        List<String> texts = new ArrayList<>(slot.keySet());
        EmbeddingRun run;
        try {
            run = EmbeddingRun.run(ps, settings.cacheFolder(), texts,
                EngineBridge.cancellation(exec), EmbeddingColumns.progressOf(exec.createSubProgress(0.9)));
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidVectorException e) {
            int i = e.textIndex();
            String where = "row " + firstRowKey.get(i) + " ('" + Printable.escape(texts.get(i), 60) + "')";
            throw new KNIMEException(e.at(i, where).getMessage(), e);
        } catch (EmbeddingServiceException e) {
            throw new KNIMEException(e.status() >= 0 ? e.getMessage() : e.getMessage() + " If the server is only slow, "
                + "raise \"" + LlmEmbedNodeSettings.TIMEOUT_LABEL + "\" on the Performance tab; to give up sooner, "
                + "lower \"" + LlmEmbedNodeSettings.ATTEMPTS_LABEL + "\" there.", e);
        } catch (EngineException e) {
            throw new KNIMEException(e.getMessage(), e);
        }

        DataCell[] cells = new DataCell[run.vectors().length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = DoubleVectorCellFactory.createCell(EmbeddingColumns.toDoubles(run.vectors()[i]));
        }
        int dimension = cells.length == 0 ? EmbeddingProviders.expectedDimension(ps) : run.dimension();
        DataColumnSpec out = outputColumnSpec(in, settings.kind(), run.identity(), dimension);
        ColumnRearranger r = new ColumnRearranger(in);
        r.append(new SingleCellFactory(out) {
            @Override
            public DataCell getCell(DataRow row) {
                DataCell c = row.getCell(col);
                Integer s = c.isMissing() ? null : slot.get(((StringValue)c).getStringValue());
                return s == null ? DataType.getMissingCell() : cells[s];
            }
        });
        BufferedDataTable result = exec.createColumnRearrangeTable(table, r, exec.createSubProgress(0.1));
        getLogger().info(run.distinct() + " distinct texts: " + run.fromCache() + " from the cache, " + run.sent()
            + " sent to " + run.identity() + ".");
        warn(missing, run.truncated(), run.warning());
        return new BufferedDataTable[] {result};
    }

    private void warn(long missing, long truncated, String cacheWarning) {
        StringBuilder sb = new StringBuilder();
        if (cacheWarning != null) {
            sb.append(cacheWarning).append(' ');
        }
        if (missing > 0) {
            sb.append(missing).append(" rows have a missing or blank text and got a missing embedding. ");
        }
        if (truncated > 0) {
            sb.append(truncated).append(" texts were longer than the model accepts and were shortened before "
                + "embedding.");
        }
        if (sb.length() > 0) {
            setWarningMessage(sb.toString().trim());
        }
    }
}
