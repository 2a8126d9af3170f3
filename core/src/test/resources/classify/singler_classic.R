# SingleR in classic marker mode on log-normalised matrices written by the test.
# Usage: Rscript singler_classic.R reference.csv reference_labels.txt query.csv out.tsv
# CSV: one row per cell, first column the cell ID, then one column per gene (same genes, same order in both files).
suppressPackageStartupMessages(library(SingleR))
args <- commandArgs(trailingOnly = TRUE)
read_cells <- function(path) {
  m <- as.matrix(read.csv(path, row.names = 1, check.names = FALSE))
  t(m)
}
ref <- read_cells(args[1])
labels <- readLines(args[2])
query <- read_cells(args[3])
started <- Sys.time()
pred <- SingleR(test = query, ref = ref, labels = labels, de.method = "classic")
seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
pruned <- ifelse(is.na(pred$pruned.labels), "Unknown", pred$pruned.labels)
write.table(data.frame(cell = colnames(query), label = pred$labels, pruned = pruned),
            args[4], sep = "\t", quote = FALSE, row.names = FALSE)
cat(sprintf("SingleR %s: %d reference, %d query cells, %.2f s\n", packageVersion("SingleR"), ncol(ref),
            ncol(query), seconds))
