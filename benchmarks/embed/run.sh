#!/bin/sh
# Embedding benchmarks, from the repository root after `mvn -q -B package -DskipTests`:
#   benchmarks/embed/run.sh DATA_DIR [TEXTS]
# DATA_DIR holds gene_summaries/refseq_gene_summary_human.tsv.gz. Prints human-readable lines and BENCH lines.
set -eu
data=${1:?usage: benchmarks/embed/run.sh DATA_DIR [TEXTS]}
texts=${2:-300}
jar=core/target/scllm.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 1; }

# the model, at 1 and 2 threads (no peer: no other runtime for this ONNX model is installable here)
java -cp "$jar" benchmarks/embed/EmbedBenchmark.java "$data" "$texts" | grep -v '"name":"wordpiece_tokenizer"'

# the tokenizer against HuggingFace's Rust tokenizers (core's test dependency, through DJL)
cp_file=core/target/embed-bench.classpath
mvn -q -B -o dependency:build-classpath -pl core -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null 2>&1 \
    || { echo "mvn dependency:build-classpath -pl core failed (run once without -o to fetch the test dependencies)" >&2; exit 1; }
DJL_CACHE_DIR=core/target/djl java -Dai.djl.offline=true -cp "$jar:$(cat "$cp_file")" \
    benchmarks/embed/TokenizerBenchmark.java "$data" 2>&1 | grep -v '^SLF4J'
