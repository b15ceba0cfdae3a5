#!/usr/bin/env bash
# Scale bench of issue 14 (figures, not a test): a curated version of N products (default 1,000,000) with 12
# weekly sales rows each, then feature sync (offline + online stores) and a training set of every launch, in a
# JVM with the heap the target allows (-Xmx1g). Prints wall time, products/s and peak heap per phase.
#   feature-service/bench-scale.sh [products] [launch-dates] [chunk-products] [days-between-launches] [work-dir]
#   env: MAVEN_ARGS   arguments for the Maven build of the classpath, e.g. -Dmaven.repo.local=/path/to/repo
#        BENCH_HEAP   the bench JVM's -Xmx (default 1g)
#        BENCH_PHASES which phases to run (default generate,sync,compaction,training-set)
#        BENCH_GC_LOG the -Xlog:gc file (default ${TMPDIR:-/tmp}/feature-sync-bench-gc.log, which bench/scale.sh reads)
#        BENCH_DATASET, BENCH_VERSION  a version already in <work-dir>/store to sync instead of the generated one
#                     (bench/scale.sh ingests one through a mapping; run without the generate phase then)
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run: the modules it depends on come from their target/ directories, nothing is installed
# MAVEN_ARGS goes on the command line itself, not only through the environment (Maven 3.9's launcher reads it
# too; a repeated -D is harmless), so that it is obvious here and works with any Maven the wrapper runs
# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} -pl feature-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath
CP=$(cat feature-service/target/bench.classpath)
exec java -Xmx${BENCH_HEAP:-1g} -XX:+UseG1GC -Dbench.phases="${BENCH_PHASES:-generate,sync,compaction,training-set}" \
  -Dbench.dataset="${BENCH_DATASET:-bench}" -Dbench.version="${BENCH_VERSION:-1}" -Xlog:gc:file="${BENCH_GC_LOG:-${TMPDIR:-/tmp}/feature-sync-bench-gc.log}" \
  -cp "feature-service/target/test-classes:feature-service/target/classes:$CP" \
  io.launchcast.feature.bench.FeatureSyncBench "$@"
