# Per-cell QC by scuttle and isOutlier, the reference for CellQcScuttleTest.
# Usage: Rscript qc_oracle.R MTX_FOLDER BATCH_TSV|- OUT.tsv
# BATCH_TSV: a table with a header whose second column is the batch of each cell, rows in barcode order ("-": none).
suppressPackageStartupMessages({
  library(Matrix)
  library(scuttle)
})
args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
pick <- function(names) {
  for (n in names) {
    p <- file.path(folder, n)
    if (file.exists(p)) return(p)
  }
  stop("missing in ", folder, ": ", paste(names, collapse = " / "))
}
counts <- as(readMM(pick(c("matrix.mtx.gz", "matrix.mtx"))), "CsparseMatrix")
features <- read.delim(pick(c("features.tsv.gz", "genes.tsv")), header = FALSE, stringsAsFactors = FALSE)
symbols <- features[[2]]
subsets <- list(
  mt = grepl("^MT-", symbols, ignore.case = TRUE),
  ribo = grepl("^RP[SL]", symbols, ignore.case = TRUE),
  hb = grepl("^HB[^(P)]", symbols, ignore.case = TRUE) & !grepl("^RP[SL]", symbols, ignore.case = TRUE)
)
subsets$hb <- subsets$hb & !subsets$mt
subsets$ribo <- subsets$ribo & !subsets$mt
qc <- perCellQCMetrics(counts, subsets = subsets)
batch <- NULL
if (args[2] != "-") {
  batch <- read.delim(args[2], stringsAsFactors = FALSE)[[2]]
}
low_counts <- isOutlier(qc$sum, nmads = 3, type = "lower", log = TRUE, batch = batch)
low_genes <- isOutlier(qc$detected, nmads = 3, type = "lower", log = TRUE, batch = batch)
high_mt <- isOutlier(qc$subsets_mt_percent, nmads = 3, type = "higher", batch = batch)
out <- data.frame(sum = qc$sum, detected = qc$detected, pct_mt = qc$subsets_mt_percent,
  pct_ribo = qc$subsets_ribo_percent, pct_hb = qc$subsets_hb_percent,
  low_counts = as.logical(low_counts), low_genes = as.logical(low_genes), high_mt = as.logical(high_mt))
write.table(out, args[3], sep = "\t", quote = FALSE, row.names = FALSE)
