package io.github.scllm.knime.annotate.ontology;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.ontology.Hierarchy;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.OntologyTerm;
import io.github.scllm.core.ontology.Synonym;
import io.github.scllm.knime.node.SettingsNodeModel;

/** Reads an OBO ontology into a table with one row per term. */
final class CellOntologyReaderNodeModel extends SettingsNodeModel<CellOntologyReaderNodeSettings> {
    static final String ID = "ID";
    static final String NAME = "Name";
    static final String DEFINITION = "Definition";
    static final String SYNONYMS = "Synonyms";
    static final String PARENTS = "Parents";
    static final String OBSOLETE = "Obsolete";
    static final String REPLACED_BY = "Replaced by";

    CellOntologyReaderNodeModel() {
        super(0, 1, new CellOntologyReaderNodeSettings());
    }

    static DataTableSpec outputSpec() {
        DataColumnSpec[] cols = {
            new DataColumnSpecCreator(ID, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(NAME, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(DEFINITION, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(SYNONYMS, ListCell.getCollectionType(StringCell.TYPE)).createSpec(),
            new DataColumnSpecCreator(PARENTS, ListCell.getCollectionType(StringCell.TYPE)).createSpec(),
            new DataColumnSpecCreator(OBSOLETE, BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator(REPLACED_BY, ListCell.getCollectionType(StringCell.TYPE)).createSpec()};
        return new DataTableSpec("Ontology terms", cols);
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        settings.path();
        return new DataTableSpec[] {outputSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        Ontology ontology;
        Set<String> keep = null;
        try {
            ontology = Ontology.read(settings.path());
            String root = settings.root();
            if (root != null) {
                keep = ontology.descendants(root);
                keep.add(ontology.require(root).id());
            }
        } catch (EngineException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        BufferedDataContainer out = exec.createDataContainer(outputSpec());
        int done = 0;
        for (OntologyTerm t : ontology.terms()) {
            if (++done % 500 == 0) {
                exec.checkCanceled();
                exec.setProgress(done / (double) ontology.size());
            }
            if ((t.obsolete() && !settings.includeObsolete()) || (keep != null && !keep.contains(t.id()))) {
                continue;
            }
            List<String> synonyms = new ArrayList<>();
            for (Synonym s : t.synonyms()) {
                if (s.scope() == Synonym.Scope.EXACT || s.scope() == Synonym.Scope.RELATED) {
                    synonyms.add(s.text());
                }
            }
            out.addRowToTable(new DefaultRow(new RowKey(t.id()), new StringCell(t.id()), text(t.name()),
                text(t.definition()), list(synonyms), list(t.parents(Hierarchy.IS_A_AND_PART_OF)),
                t.obsolete() ? BooleanCell.TRUE : BooleanCell.FALSE, list(t.replacedBy())));
        }
        out.close();
        if (out.getTable().size() == 0) {
            setWarningMessage("No term matched the options (" + ontology.size() + " terms in the file).");
        }
        return new BufferedDataTable[] {out.getTable()};
    }

    private static DataCell text(String s) {
        return s.isEmpty() ? DataType.getMissingCell() : new StringCell(s);
    }

    private static DataCell list(List<String> values) {
        List<StringCell> cells = values.stream().map(StringCell::new).toList();
        return CollectionCellFactory.createListCell(cells);
    }
}
