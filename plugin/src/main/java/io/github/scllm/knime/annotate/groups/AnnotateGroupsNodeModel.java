package io.github.scllm.knime.annotate.groups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortType;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.annotate.AnnotateGroups;
import io.github.scllm.core.annotate.EvidenceMarker;
import io.github.scllm.core.annotate.ExpertRules;
import io.github.scllm.core.annotate.GroupAnnotation;
import io.github.scllm.core.annotate.RejectionCriterion;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermResolver;
import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.knime.node.SettingsNodeModel;
import io.github.scllm.knime.node.WorkflowCredentials;
import io.github.scllm.knime.refine.port.EngineBridge;

/** Annotates each group of a Marker Genes table with a Cell Ontology term by the chosen method. */
final class AnnotateGroupsNodeModel extends SettingsNodeModel<AnnotateGroupsNodeSettings> {
    static final String GROUP = "Group";
    static final String GENE = "Gene";
    static final String RANK = "Rank";
    static final String SCORE = "Score";
    static final String LOG2FC = "Log2 fold change";
    static final String ADJUSTED_P = "Adjusted p-value";
    static final String[] OUTPUT = {GROUP, "Cell type ID", "Cell type", "Status", "Confidence", "Evidence markers",
        "Unsupported markers", "Rejection criteria met", "Alternatives", "Label", "Method", "Notes"};

    AnnotateGroupsNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL,
            BufferedDataTable.TYPE_OPTIONAL}, new PortType[] {BufferedDataTable.TYPE},
            new AnnotateGroupsNodeSettings());
    }

    static DataTableSpec outputSpec() {
        DataType list = ListCell.getCollectionType(StringCell.TYPE);
        DataType[] types = {StringCell.TYPE, StringCell.TYPE, StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE, list,
            list, list, list, StringCell.TYPE, StringCell.TYPE, StringCell.TYPE};
        DataColumnSpec[] cols = new DataColumnSpec[OUTPUT.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = new DataColumnSpecCreator(OUTPUT[i], types[i]).createSpec();
        }
        return new DataTableSpec("Group annotations", cols);
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        for (String c : List.of(GROUP, GENE)) {
            if (inSpecs[0].findColumnIndex(c) < 0) {
                throw new InvalidSettingsException("The marker table has no column '" + c + "': connect the output "
                    + "of Marker Genes (columns Group, Gene, Rank, Score, Log2 fold change, Adjusted p-value).");
            }
        }
        settings.ontologyFile();
        String method = settings.method();
        if (method.equals(AnnotateGroupsNodeSettings.REFERENCE) && inSpecs[2] == null) {
            throw new InvalidSettingsException("The reference method needs a reference marker table (PanglaoDB "
                + "layout) at the third input port; connect one or choose another method.");
        }
        if (method.equals(AnnotateGroupsNodeSettings.EMBEDDING)) {
            settings.descriptionsFile();
            settings.embeddingSettings(null);
        }
        return new DataTableSpec[] {outputSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        Map<String, List<MarkerGene>> groups = markers(inData[0]);
        List<String> symbols = new ArrayList<>();
        groups.values().forEach(l -> l.forEach(m -> symbols.add(m.symbol())));
        List<GroupAnnotation> result;
        try {
            Ontology ontology = Ontology.read(settings.ontologyFile());
            TermResolver resolver = new TermResolver(ontology, settings.root(), null, 1);
            ExpertRules rules = inData[1] == null ? ExpertRules.NONE : ExpertRules.resolve(ExpertRules.fromRows(
                text(inData[1]).header(), text(inData[1]).rows(), i -> "Expert rules table, row " + (i + 1)),
                ontology, resolver);
            try (MethodSetup setup = new MethodSetup(settings, ontology, resolver, rules, inData[2] == null ? null
                : text(inData[2]), symbols, apiKey())) {
                result = AnnotateGroups.annotateAll(groups, setup.method, rules, settings.maxAdjustedP(),
                    EngineBridge.cancellation(exec), EmbeddingColumns.progressOf(exec));
            }
        } catch (CancelledException e) {
            exec.checkCanceled();
            throw e;
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        BufferedDataContainer out = exec.createDataContainer(outputSpec());
        for (GroupAnnotation a : result) {
            List<String> supported = a.evidence().stream().filter(EvidenceMarker::grounded)
                .map(EvidenceMarker::gene).toList();
            List<String> unsupported = a.evidence().stream().filter(e -> !e.grounded()).map(EvidenceMarker::gene)
                .toList();
            List<String> met = a.rejection().stream().filter(RejectionCriterion::met)
                .map(RejectionCriterion::description).toList();
            List<String> alternatives = a.alternatives().stream().map(x -> x.termId() == null ? x.label()
                + " (not in the ontology)" : x.termId() + " " + x.termName()).toList();
            out.addRowToTable(new DefaultRow(new RowKey(a.group()), new StringCell(a.group()), str(a.termId()),
                str(a.termName()), new StringCell(a.status().name().toLowerCase(Locale.ROOT)),
                a.hasConfidence() ? new DoubleCell(a.confidence()) : DataType.getMissingCell(), list(supported),
                list(unsupported), list(met), list(alternatives),
                str(a.label()), new StringCell(a.method().name().toLowerCase(Locale.ROOT)),
                str(String.join("; ", a.notes()))));
        }
        out.close();
        long unresolved = result.stream().filter(a -> a.termId() == null).count();
        if (unresolved > 0) {
            setWarningMessage(unresolved + " of " + result.size() + " groups could not be annotated; see the Notes "
                + "column.");
        }
        return new BufferedDataTable[] {out.getTable()};
    }

    /** @return the markers of each group, best first, from a Marker Genes table */
    private static Map<String, List<MarkerGene>> markers(BufferedDataTable table) throws InvalidSettingsException {
        DataTableSpec spec = table.getDataTableSpec();
        int group = spec.findColumnIndex(GROUP);
        int gene = spec.findColumnIndex(GENE);
        int rank = spec.findColumnIndex(RANK);
        int score = spec.findColumnIndex(SCORE);
        int lfc = spec.findColumnIndex(LOG2FC);
        int padj = spec.findColumnIndex(ADJUSTED_P);
        Map<String, List<MarkerGene>> out = new LinkedHashMap<>();
        for (DataRow row : table) {
            String g = plain(row.getCell(group));
            String symbol = plain(row.getCell(gene));
            if (g.isEmpty() || symbol.isEmpty()) {
                continue;
            }
            List<MarkerGene> list = out.computeIfAbsent(g, x -> new ArrayList<>());
            double r = number(row, rank);
            list.add(new MarkerGene(g, -1, symbol, Double.isNaN(r) ? list.size() + 1 : (int) r, number(row, score),
                Double.NaN, number(row, lfc), Double.NaN, number(row, padj), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN));
        }
        if (out.isEmpty()) {
            throw new InvalidSettingsException("The marker table has no rows with a group and a gene.");
        }
        out.replaceAll((g, l) -> l.stream().sorted((a, b) -> Integer.compare(a.rank(), b.rank())).toList());
        return out;
    }

    private static double number(DataRow row, int col) {
        if (col < 0) {
            return Double.NaN;
        }
        DataCell c = row.getCell(col);
        return c.isMissing() || !(c instanceof DoubleValue v) ? Double.NaN : v.getDoubleValue();
    }

    /** @return the cell as plain text: strings as they are, lists joined by commas, missing as empty */
    private static String plain(DataCell c) {
        if (c.isMissing()) {
            return "";
        }
        if (c instanceof ListDataValue l) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                parts.add(plain(l.get(i)));
            }
            return String.join(",", parts);
        }
        return c instanceof StringValue s ? s.getStringValue().strip() : c.toString().strip();
    }

    private static MethodSetup.Table text(BufferedDataTable table) {
        DataTableSpec spec = table.getDataTableSpec();
        List<String> header = new ArrayList<>();
        for (DataColumnSpec c : spec) {
            header.add(c.getName());
        }
        List<List<String>> rows = new ArrayList<>();
        for (DataRow row : table) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < spec.getNumColumns(); i++) {
                cells.add(plain(row.getCell(i)));
            }
            rows.add(cells);
        }
        return new MethodSetup.Table(header, rows);
    }

    private static DataCell str(String s) {
        return s == null || s.isEmpty() ? DataType.getMissingCell() : new StringCell(s);
    }

    private static DataCell list(List<String> values) {
        return CollectionCellFactory.createListCell(values.stream().map(StringCell::new).toList());
    }

    /** @return the key of the chosen KNIME credentials, or null when the key comes from the environment */
    private String apiKey() throws InvalidSettingsException {
        return WorkflowCredentials.apiKey(getCredentialsProvider(), settings.credentialsName());
    }
}
