# uwot's UMAP on the rows written by bench_umap.py, with the engine's settings: 15 neighbours, min_dist 0.1, cosine,
# all processors. Writes the layout as float32 (x, y) pairs and prints "seconds=..." and uwot's version.
# Usage: Rscript bench_umap.R IN_F32 ROWS DIM OUT_F32
args <- commandArgs(trailingOnly = TRUE)
rows <- as.integer(args[2]); dim <- as.integer(args[3])
con <- file(args[1], "rb")
x <- matrix(readBin(con, "numeric", n = rows * dim, size = 4, endian = "little"), nrow = rows, byrow = TRUE)
close(con)
threads <- parallel::detectCores()
set.seed(1)
t0 <- proc.time()[["elapsed"]]
y <- uwot::umap(x, n_neighbors = 15, min_dist = 0.1, metric = "cosine", n_threads = threads, n_sgd_threads = 1)
seconds <- proc.time()[["elapsed"]] - t0
con <- file(args[4], "wb")
writeBin(as.vector(t(y)), con, size = 4, endian = "little")
close(con)
cat("version=", as.character(packageVersion("uwot")), "\n", sep = "")
cat("threads=", threads, "\n", sep = "")
cat("seconds=", seconds, "\n", sep = "")
