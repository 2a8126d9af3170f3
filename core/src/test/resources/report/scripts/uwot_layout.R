# UMAP by uwot on the vectors the Java test wrote, the peer of UmapTrustworthinessTest.
# Usage: Rscript uwot_layout.R VECTORS.tsv OUT.tsv   (VECTORS.tsv: one row per point, tab-separated, no header)
suppressPackageStartupMessages(library(uwot))
args <- commandArgs(trailingOnly = TRUE)
x <- as.matrix(read.table(args[1], sep = "\t", header = FALSE))
set.seed(0)
y <- umap(x, n_neighbors = 15, min_dist = 0.1, metric = "euclidean", n_threads = 1)
write.table(y, args[2], sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
