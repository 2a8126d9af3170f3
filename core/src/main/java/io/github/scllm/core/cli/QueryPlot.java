package io.github.scllm.core.cli;

import java.nio.file.Path;

/**
 * Draws the query cells in two dimensions (e.g. a UMAP of their vectors) coloured by predicted label, as a PNG.
 * {@link AnnotateCommand} calls it when one is set; the picture is optional, so the command works without it.
 */
@FunctionalInterface
interface QueryPlot {

    /**
     * @param png the file to write
     * @param vectors one vector per query cell
     * @param labels the predicted label per query cell
     * @param seed seed of the layout
     */
    void write(Path png, float[][] vectors, String[] labels, long seed);
}
