#!/usr/bin/env bash
# Monitor figures (issue 15 point 9), not tests. In process, no suite needed.
#   monitor-service/bench.sh [windows=100] [records-per-window=500] [large-window=100000] [join-objects=200]
# false-alarm rate over in-distribution windows, detection rate per shifted stream, and time and peak heap to
# read (JSON Lines parsing included) and check one large window, with the heap capped at 512 MiB; then the actuals
# join's capture read over join-objects capture objects of 500 forecasts, whole capture against the product index.
set -euo pipefail
cd "$(dirname "$0")/.."
# one invocation, so that the reactor's modules resolve to their target/classes (nothing is installed)
./mvnw -B -q -pl monitor-service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP=$(cat monitor-service/target/bench-classpath.txt)
java -Xmx512m -cp "monitor-service/target/test-classes:monitor-service/target/classes:$CP" \
  io.launchcast.monitor.bench.MonitorBench "${1:-100}" "${2:-500}" "${3:-100000}" "${4:-200}"
