package io.github.scllm.knime.annotate.groups;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** The dialog of Annotate Groups: wraps the settings models, declares no keys. */
final class AnnotateGroupsNodeDialog extends DefaultNodeSettingsPane {

    AnnotateGroupsNodeDialog() {
        AnnotateGroupsNodeSettings s = new AnnotateGroupsNodeSettings();
        createNewGroup("Method");
        addDialogComponent(new DialogComponentStringSelection(s.methodModel(), "Method",
            AnnotateGroupsNodeSettings.METHODS));
        addDialogComponent(new DialogComponentString(s.rootModel(), "Root term"));
        closeCurrentGroup();
        createNewGroup("Ontology file");
        addDialogComponent(new DialogComponentFileChooser(s.ontologyModel(), "annotate_groups_ontology", ".obo"));
        closeCurrentGroup();
        createNewGroup("Sample");
        addDialogComponent(new DialogComponentString(s.tissueModel(), "Tissue"));
        addDialogComponent(new DialogComponentStringSelection(s.speciesModel(), "Species",
            AnnotateGroupsNodeSettings.SPECIES));
        addDialogComponent(new DialogComponentString(s.organsModel(), "Reference organs (comma-separated)"));
        closeCurrentGroup();
        createNewGroup("Guardrails");
        addDialogComponent(new DialogComponentNumber(s.topMarkersModel(), "Markers per group (0: method default)",
            5));
        addDialogComponent(new DialogComponentNumber(s.maxAdjustedPModel(), "Maximum adjusted p-value", 0.01));
        addDialogComponent(new DialogComponentNumber(s.minConfidenceModel(), "Minimum confidence", 0.05));
        closeCurrentGroup();

        createNewTab("Model");
        createNewGroup("Gene description file");
        addDialogComponent(new DialogComponentFileChooser(s.descriptionsModel(), "annotate_groups_descriptions",
            ".gz", ".tsv", ".csv", ".json", ".gene_info"));
        closeCurrentGroup();
        createNewGroup("Service");
        addDialogComponent(new DialogComponentStringSelection(s.providerModel(), "Provider",
            AnnotateGroupsNodeSettings.PROVIDERS));
        addDialogComponent(new DialogComponentString(s.modelModel(), "Model"));
        addDialogComponent(new DialogComponentString(s.baseUrlModel(), "Base URL"));
        addDialogComponent(new DialogComponentString(s.deploymentModel(), "Azure deployment"));
        addDialogComponent(new DialogComponentString(s.apiVersionModel(), "Azure API version"));
        addDialogComponent(new DialogComponentString(s.credentialsModel(), "Credentials name"));
        addDialogComponent(new DialogComponentString(s.apiKeyEnvModel(), "API key environment variable"));
        addDialogComponent(new DialogComponentNumber(s.maxTokensModel(), "Maximum answer tokens", 256));
        addDialogComponent(new DialogComponentBoolean(s.useCacheModel(), "Cache embeddings and answers"));
        addDialogComponent(new DialogComponentString(s.cacheFolderModel(), "Cache folder"));
        closeCurrentGroup();
    }
}
