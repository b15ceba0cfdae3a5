#!/usr/bin/env bash
# Feature-store benchmarks (figures, not tests). Needs the suite up with the bundled sample ingested
# (./launchcast run in another terminal) for the HTTP parts, and wrk (apt-get install wrk).
#   feature-service/bench.sh            in-process batch get, training set of every launch, HTTP batch get
set -euo pipefail
cd "$(dirname "$0")/.."
FEATURE=${FEATURE_URL:-http://127.0.0.1:8082}

echo "== in-process online store: batch get of 1,000 records"
./mvnw -B -q -o -pl feature-service test-compile
CP=$(./mvnw -B -q -o -pl feature-service dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "feature-service/target/test-classes:feature-service/target/classes:$CP" \
  io.launchcast.feature.bench.OnlineStoreBench 5577 120 2000

echo "== training set: every launch with all features (point in time), over HTTP"
for i in 1 2; do
  curl -sS -o /tmp/training-set.json -w "wall %{time_total} s, HTTP %{http_code}\n" -H 'Content-Type: application/json' \
    -d '{"selector":{"launchedFrom":"2000-01-01","launchedTo":"2030-12-31"}}' "$FEATURE/training-sets"
  grep -oE '"(rows|sha256|buildSeconds)":[^,]*' /tmp/training-set.json | tr '\n' ' '; echo
done

echo "== online batch get of 1,000 records over HTTP (wrk, 1 connection, 30 s)"
ids=$(seq 1 5577 | shuf -n 1000 --random-source=<(yes) | sed 's/.*/"&"/' | paste -sd,)
cat > /tmp/batch-get.lua <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"ids":[$ids]}'
LUA
wrk -t1 -c1 -d30s --latency -s /tmp/batch-get.lua "$FEATURE/feature-groups/cohort-aggregates/records/batch-get"
