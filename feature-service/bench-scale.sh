#!/usr/bin/env bash
# Scale bench of issue 14 (figures, not a test): a curated version of N products (default 1,000,000) with 12
# weekly sales rows each, then feature sync (offline + online stores) and a training set of every launch, in a
# JVM with the heap the target allows (-Xmx1g). Prints wall time, products/s and peak heap per phase.
#   feature-service/bench-scale.sh [products] [launch-dates] [chunk-products] [days-between-launches] [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run: the modules it depends on come from their target/ directories, nothing is installed
./mvnw -B -q -pl feature-service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP=$(cat feature-service/target/bench.classpath)
exec java -Xmx${BENCH_HEAP:-1g} -XX:+UseG1GC -Xlog:gc:file=${TMPDIR:-/tmp}/feature-sync-bench-gc.log \
  -cp "feature-service/target/test-classes:feature-service/target/classes:$CP" \
  io.launchcast.feature.bench.FeatureSyncBench "$@"
