#!/usr/bin/env bash
# The monitor part of bench/scale.sh alone (figures, not a test): the forecast-quality evaluation of a curated
# version's sales with N captured forecasts (join, evaluation store, gauges, alarms) and the report
# (QualityJoinScaleBench) in the heap `./launchcast run` gives the monitor-service (-Xmx768m SerialGC). The version comes from feature-service/bench-scale.sh (its work dir holds store/); the
# captures are written on the first run with N forecasts and kept for the next.
#   monitor-service/bench-scale.sh work-dir [captured-forecasts] [forecasts-per-partition]
#   env: MAVEN_ARGS (e.g. -Dmaven.repo.local=...), BENCH_HEAP (default 768m)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:?the work dir of feature-service/bench-scale.sh, holding store/}
captured=${2:-1000000}
# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} -pl monitor-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath
gc_log="$work/monitor-gc.log"
TIMEFORMAT="monitor-service process: %R s wall, %U s user + %S s system CPU"
time java -Xmx"${BENCH_HEAP:-768m}" -XX:+UseSerialGC -Xlog:gc:file="$gc_log" \
  -cp "monitor-service/target/test-classes:monitor-service/target/classes:$(cat monitor-service/target/bench.classpath)" \
  io.launchcast.monitor.bench.QualityJoinScaleBench "$work" "$captured" bench 1 "${3:-10000}"
after_gc() { grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/.*->//; s/M//' | sort -n | tail -1; }
echo "monitor-service process: heap after GC, max $(after_gc "$gc_log") MiB; load now $(cut -d' ' -f1-3 /proc/loadavg)"
