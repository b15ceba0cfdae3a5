#!/usr/bin/env bash
# Scale bench of issue 14 (figures, not a test): a data project of N products (default 1,000,000, 12 weekly
# sales rows each) through every service, each in the heap `./launchcast run` gives it:
#   ingestion-service (-Xmx768m Serial) the generated project folder (ScaleProjectGenerator: mapping.yml, products
#                                        with wide weekly sales, a trend signal per attribute value) ingested through
#                                        its mapping by the ingestion job (IngestFolderCommand): the published version
#                                        every later service reads
#   feature-service  (-Xmx1g G1)        feature sync (offline + online), online store compaction, training set
#                                        (feature-service/bench-scale.sh, FeatureSyncBench)
#   forecast-service (-Xmx1g ParallelGC) prepare (load, split, the split's features; sampled above the maxima),
#                                        train on the sample, evaluate, serving load, batch of N lines
#   monitor-service  (-Xmx768m SerialGC) forecast-quality join of the version's sales with captured forecasts
# Prints per phase wall and process CPU time, and per service process the wall and CPU time and the most heap
# left after a collection (from -Xlog:gc).
#
#   bench/scale.sh [products] [work-dir] [captured-forecasts]
#   captured-forecasts defaults to 20,000 (ADR 0110's figures): at 100,000 the quality join does not fit its 768 MiB
#   (ADR 0110, 0112) and the script stops there without the monitor-service's figures
#   env: SKIP_FEATURES=1 reuses the version and training set already in work-dir;
#        MAX_FIT, MAX_TEST (default 10000: launchcast.training's defaults), BATCH_LINES (default: products),
#        CONFIG (default bench/scale-training.yml), MAVEN_ARGS (passed to Maven, e.g. -Dmaven.repo.local=...)
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # XGBoost's waiting threads sleep (ADR 0115)
products=${1:-1000000}
work=${2:-${TMPDIR:-/tmp}/launchcast-scale}
captured=${3:-20000}
mkdir -p "$work"
echo "scale bench: $products products in $work; $(nproc) processors; $(uptime)"

# the most heap left after any collection in a -Xlog:gc file, in MiB
after_gc() { grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/.*->//; s/M//' | sort -n | tail -1; }

# runs a service's bench JVM (its options, main class and arguments) and prints the lines matching $2 and the
# process's figures
service() {
  local name=$1 lines=$2; shift 2
  local gc_log="$work/$name-gc.log"
  rm -f "$gc_log"
  local TIMEFORMAT="$name process: %R s wall, %U s user + %S s system CPU"
  time (java -Xlog:gc:file="$gc_log" "$@" 2>&1 | grep -E "$lines")
  echo "$name process: heap after GC, max $(after_gc "$gc_log") MiB; load now $(cut -d' ' -f1-3 /proc/loadavg)"
}

# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} -pl ingestion-service,forecast-service,monitor-service -am test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java_of() { echo "-cp $1/target/test-classes:$1/target/classes:$(cat "$1/target/bench.classpath")"; }

if [ -z "${SKIP_FEATURES:-}" ]; then
  rm -rf "$work/features" "$work/project"
  # weekly launch dates over three years (156): ADR 0107's 1 M run
  # shellcheck disable=SC2046
  java $(java_of ingestion-service) io.launchcast.ingestion.bench.ScaleProjectGenerator "$products" 156 7 "$work/project"
  # shellcheck disable=SC2046
  service ingestion-service '^(run .*(SUCCEEDED|FAILED)|/)' -Xmx768m -XX:+UseSerialGC $(java_of ingestion-service) \
    io.launchcast.ingestion.folder.IngestFolderCommand "$work/project" "$work/features" | tee "$work/ingestion.out"
  curated=$(grep '^/' "$work/ingestion.out" | tail -1)
  [ -n "$curated" ] || { echo "the ingestion published no version: see above" >&2; exit 1; }
  # <work>/features/store/curated/<dataset>/v=<version>
  echo "$(basename "$(dirname "$curated")") ${curated##*/v=}" > "$work/features/bench-version"
  read -r dataset version < "$work/features/bench-version"
  # chunks of 20,000 products
  TIMEFORMAT="feature-service process: %R s wall, %U s user + %S s system CPU"
  time BENCH_PHASES=sync,compaction,training-set BENCH_DATASET="$dataset" BENCH_VERSION="$version" \
    feature-service/bench-scale.sh "$products" 156 20000 7 "$work/features" 2>&1 \
    | grep -E '^(max heap|[a-z ]+ +[0-9.]+ s wall)'
  echo "feature-service process: heap after GC, max $(after_gc "${TMPDIR:-/tmp}/feature-sync-bench-gc.log") MiB"
fi
read -r dataset version < "$work/features/bench-version"

# shellcheck disable=SC2046
service forecast-service '^(forecast-service:|[a-z ]+ +[0-9.]+ s wall)' -Xmx1g -XX:+UseParallelGC \
  $(java_of forecast-service) io.launchcast.forecast.bench.ForecastScaleBench "$work/features" \
  "${CONFIG:-bench/scale-training.yml}" "${MAX_FIT:-10000}" "${MAX_TEST:-10000}" "${BATCH_LINES:-$products}" \
  "$dataset" "$version"
# shellcheck disable=SC2046
service monitor-service '^(quality|  )' -Xmx768m -XX:+UseSerialGC $(java_of monitor-service) \
  io.launchcast.monitor.bench.QualityJoinScaleBench "$work/features" "$captured" "$dataset" "$version"
