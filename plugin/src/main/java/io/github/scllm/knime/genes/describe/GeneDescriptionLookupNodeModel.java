package io.github.scllm.knime.genes.describe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.workflow.ICredentials;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.genes.GeneDescription;
import io.github.scllm.core.genes.LookupResult;
import io.github.scllm.core.genes.LookupStatus;
import io.github.scllm.core.genes.OrganismMismatch;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.refine.port.EngineBridge;

/** Looks up every distinct gene symbol of a column in local files and/or NCBI and lists one row per gene. */
final class GeneDescriptionLookupNodeModel extends SettingsNodeModel<GeneDescriptionLookupNodeSettings> {
    GeneDescriptionLookupNodeModel() {
        super(1, 1, new GeneDescriptionLookupNodeSettings());
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        geneColumn(inSpecs[0]);
        LookupPlan.check(settings);
        apiKey();
        return new DataTableSpec[] {GeneTables.outputSpec()};
    }

    private int geneColumn(DataTableSpec in) throws InvalidSettingsException {
        String name = settings.geneColumn();
        if (name == null) {
            name = GeneTables.defaultColumn(in);
            if (name == null) {
                throw new InvalidSettingsException("The input has no column of gene symbols (strings or lists of "
                    + "strings). Connect e.g. the output of Top Genes.");
            }
            settings.geneColumnModel().setStringValue(name);
            setWarningMessage("Gene column '" + name + "' chosen automatically.");
        }
        return GeneTables.geneColumn(in, name);
    }

    /** @return the NCBI API key: the password of the chosen credentials, or null when none are chosen */
    private String apiKey() throws InvalidSettingsException {
        String name = settings.credentialsName();
        if (name == null || !settings.useNcbi()) {
            return null;
        }
        ICredentials c;
        try {
            c = getCredentialsProvider().get(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("No workflow credentials named '" + name + "' (available: "
                + getCredentialsProvider().listNames() + "). Create them (the NCBI API key as password) or clear the "
                + "credentials field.", e);
        }
        String key = c.getPassword();
        return key == null || key.isBlank() ? null : key;
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        BufferedDataTable in = inData[0];
        int col = geneColumn(in.getDataTableSpec());
        // only distinct spellings are kept while streaming, so a million cells x 20 genes stay a few thousand strings
        InputSymbols symbols = new InputSymbols();
        List<String> cellSymbols = new ArrayList<>();
        for (DataRow row : in) {
            exec.checkCanceled();
            cellSymbols.clear();
            GeneTables.symbolsOf(row.getCell(col), cellSymbols);
            cellSymbols.forEach(symbols::add);
        }
        ExecutionMonitor lookupProgress = exec.createSubProgress(0.9);
        LookupResult result;
        try (LookupPlan plan = LookupPlan.open(settings, apiKey())) {
            exec.setMessage("Looking up genes in " + String.join(", ", plan.sourceNames()));
            result = plan.lookup().lookup(List.copyOf(symbols.distinct), EngineBridge.cancellation(exec),
                lookupProgress::setProgress);
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        }
        BufferedDataContainer out = exec.createDataContainer(GeneTables.outputSpec());
        for (GeneDescription g : result.genes()) {
            out.addRowToTable(GeneTables.row(g));
        }
        out.close();
        String mismatch = OrganismMismatch.check(symbols.distinct, settings.taxon())
            .map(m -> m.message("the Organism option to %s") + " ").orElse("");
        setWarningMessage(mismatch + summary(result, symbols.blanks, symbols.repeats));
        return new BufferedDataTable[] {out.getTable()};
    }

    /** The symbols of the input: distinct spellings in order of first appearance, with what was dropped. */
    private static final class InputSymbols {
        final Set<String> distinct = new LinkedHashSet<>();
        int blanks;
        int repeats;

        void add(String s) {
            if (s == null || s.isBlank()) {
                blanks++;
            } else if (!distinct.add(s.trim())) {
                repeats++;
            }
        }
    }

    /** @return the counts a user needs to judge the result: by status, by source, cache hits, skipped inputs */
    static String summary(LookupResult r, int blanks, int repeats) {
        String byStatus = r.byStatus().entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .collect(Collectors.joining(", "));
        String bySource = r.bySource().entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        StringBuilder sb = new StringBuilder();
        sb.append(r.described()).append(" of ").append(r.genes().size()).append(" genes described (")
            .append(byStatus.isEmpty() ? "none" : byStatus).append("; texts: ")
            .append(bySource.isEmpty() ? "none" : bySource).append("); ").append(r.cacheHits())
            .append(" answers from the cache.");
        int skipped = blanks + r.blankCount();
        int repeated = repeats + r.duplicateCount();
        if (skipped > 0) {
            sb.append(' ').append(skipped).append(" empty or missing symbols skipped.");
        }
        if (repeated > 0) {
            sb.append(' ').append(repeated).append(" repeated symbols listed once.");
        }
        Map<LookupStatus, Integer> s = r.byStatus();
        if (s.get(LookupStatus.NOT_FOUND) > 0 || s.get(LookupStatus.AMBIGUOUS) > 0) {
            sb.append(" See the Status and Note columns for genes without a description.");
        }
        return sb.toString();
    }
}
