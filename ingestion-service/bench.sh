#!/usr/bin/env bash
# Ingestion benchmark (not a test): generates a long-format sales CSV (default 5,000,000 rows, ~200 MB),
# ingests it through the real pipeline and runs DuckDB's own CSV->Parquet on the same file for comparison.
# Usage: ingestion-service/bench.sh [rows] [scratch-dir]     (heap capped at 1 GiB to prove streaming)
# BENCH_OPTS adds JVM options, e.g. BENCH_OPTS=-Dbench.warmup=500000 (both sides convert a smaller file first)
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g ${BENCH_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  io.launchcast.ingestion.bench.IngestionBenchmark "$@"
