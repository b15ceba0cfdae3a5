#!/usr/bin/env bash
# Serving benchmarks (not tests). Run from a clone where `./launchcast run` has trained and approved a model.
#   forecast-service/bench.sh profile            in-process: where one forecast's time goes (DATES=daily: launch
#                                                 dates on every day of 8 weeks instead of one weekday)
#   forecast-service/bench.sh trees [artifact]   in-process: the tree walks alone, row by row and in blocks
#   forecast-service/bench.sh http               wrk on loopback: /forecasts at 1..16 connections, /actuator/health
#   forecast-service/bench.sh dates              wrk on loopback: /forecasts for the same 2,000 products launching on
#                                                 one weekday, then on any day, alternating 3 times: the ratio
#   forecast-service/bench.sh approve            wrk for 40 s while a model is approved, then the previous one again
#   forecast-service/bench.sh batch [products] [explain] [capture%]   a batch job over N new products (default
#                                                 1,000,000; explain true|false, default true; the job's data
#                                                 capture sampling, default the service's): rows/s, peak heap
#   forecast-service/bench.sh knowledge <curated version dir> <training.yml>   in-process: one model forecasting the
#                                                 split's test launches from the data of its training and from
#                                                 the newest data (ADR 0171); no suite needed
# The http, approve and batch modes need the suite up (`./launchcast run`) and wrk (`apt-get install wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # XGBoost's waiting threads sleep (ADR 0115)
mode="${1:-http}"
data="${LAUNCHCAST_DATA_DIR:-data}/s3/launchcast"
api="http://127.0.0.1:${LAUNCHCAST_FORECAST_PORT:-8083}"
s3="http://127.0.0.1:${LAUNCHCAST_S3_PORT:-9000}/launchcast"
config="samples/visuelle/training.yml"
work="${TMPDIR:-/tmp}/launchcast-bench"
# the suite's admin token (./launchcast run generates it): every endpoint but health needs one
token=$(sed -n 's/^admin=//p' "${LAUNCHCAST_DATA_DIR:-data}/security/tokens.properties" 2>/dev/null || true)
auth="Authorization: Bearer $token"
mkdir -p "$work"

classpath() {
  ./mvnw -B -q -o -pl forecast-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
  echo "forecast-service/target/classes:forecast-service/target/test-classes:$(cat forecast-service/target/bench.classpath)"
}

if [ "$mode" = knowledge ]; then # no suite needed: a curated version and its training configuration
  exec java -Xmx6g -cp "$(classpath)" io.launchcast.forecast.bench.KnowledgeBench "${2:?curated version directory}" \
    "${3:?training.yml}"
fi

curated=$(ls -d "$data"/curated/*/v=* 2>/dev/null | sort | tail -1)
artifact=$(ls "$data"/models/*/v/*/artifact.bin 2>/dev/null | sort | tail -1)
[ -n "$curated" ] && [ -n "$artifact" ] || { echo "no curated dataset or model under $data: run ./launchcast run first" >&2; exit 1; }
attributes=$(sed -n 's/^attributes: *\[\(.*\)\]/\1/p' "$config" | tr -d ' ')

new_products() { # count, file, [aligned|daily]
  [ -s "$2" ] && [ "$(wc -l <"$2")" -eq "$1" ] && return
  java -cp "$(classpath)" io.launchcast.forecast.bench.NewProductLines "$curated" "$1" "$2" "$attributes" "${3:-aligned}"
}

forecast_pid() { # the process listening on the forecast service's port
  ss -ltnpH "sport = :${LAUNCHCAST_FORECAST_PORT:-8083}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

case "$mode" in
  profile)
    java -Xmx1g -Ddates="${DATES:-weekly}" -cp "$(classpath)" io.launchcast.forecast.bench.ServingProfile "$curated" "$artifact" "$config" 5000 \
      2>&1 | grep -v DEBUG
    ;;
  trees)
    java -Xmx1g ${BENCH_JVM:-} -cp "$(classpath)" io.launchcast.forecast.model.TreeWalkProfile "$curated" "${2:-$artifact}" "$config" \
      2>&1 | grep -v DEBUG
    ;;
  http)
    command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
    new_products 2000 "$work/products-2000.jsonl"
    echo "warm-up: 20 s at 4 connections"
    BODIES="$work/products-2000.jsonl" wrk -H "$auth" -t1 -c4 -d20s -s forecast-service/bench/forecasts.lua "$api/forecasts" >/dev/null
    # /actuator/health includes a HEAD of the bucket (the objectStore indicator); liveness is the bare HTTP floor
    for path in actuator/health actuator/health/liveness; do
      echo "== GET /$path, 4 connections, 20 s"
      wrk -H "$auth" -t1 -c4 -d20s --latency "$api/$path" | grep -E "Requests/sec|50%|99%|Non-2xx"
    done
    for c in 1 2 4 8 16; do
      echo "== POST /forecasts, one product, 12 weeks, p10/p50/p90, $c connection(s), as fast as answered, 20 s"
      BODIES="$work/products-2000.jsonl" wrk -H "$auth" -t1 -c"$c" -d20s --latency -s forecast-service/bench/forecasts.lua \
        "$api/forecasts" | grep -E "Requests/sec|50%|90%|99%|errors"
    done
    for rate in 500 1000 1250; do
      echo "== POST /forecasts paced at $rate requests/s over 16 connections, 30 s"
      RATE=$rate CONNS=16 BODIES="$work/products-2000.jsonl" wrk -H "$auth" -t1 -c16 -d30s --latency \
        -s forecast-service/bench/forecasts.lua "$api/forecasts" | grep -E "Requests/sec|50%|90%|99%|errors"
    done
    ;;
  dates)
    command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
    new_products 2000 "$work/products-2000.jsonl" aligned
    new_products 2000 "$work/products-2000-daily.jsonl" daily
    echo "warm-up: 20 s at 4 connections on each file"
    for kind in "" "-daily"; do
      BODIES="$work/products-2000$kind.jsonl" wrk -H "$auth" -t1 -c4 -d20s -s forecast-service/bench/forecasts.lua "$api/forecasts" >/dev/null
    done
    aligned=0; daily=0
    for round in 1 2 3; do
      for kind in aligned daily; do
        file="$work/products-2000.jsonl"; [ "$kind" = daily ] && file="$work/products-2000-daily.jsonl"
        rps=$(BODIES="$file" wrk -H "$auth" -t1 -c4 -d20s -s forecast-service/bench/forecasts.lua "$api/forecasts" \
          | tee "$work/dates-$kind-$round.txt" | sed -n 's/^Requests\/sec: *//p')
        # a rate of refused requests is no figure: stop at the first error (a stale token, a model not serving)
        grep -q "non-2xx or socket errors: 0 status, 0 connect, 0 read, 0 write, 0 timeout" "$work/dates-$kind-$round.txt" \
          || { grep -E "non-2xx" "$work/dates-$kind-$round.txt" >&2; echo "requests failed: no figure" >&2; exit 1; }
        echo "round $round, launch dates $kind: $rps requests/s (4 connections, 20 s)"
        if [ "$kind" = aligned ]; then aligned=$(echo "$aligned + $rps" | bc -l); else daily=$(echo "$daily + $rps" | bc -l); fi
      done
    done
    printf 'any-day dates / aligned dates, 3 rounds: %.3f\n' "$(echo "$daily / $aligned" | bc -l)"
    ;;
  approve)
    command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
    new_products 2000 "$work/products-2000.jsonl"
    champion=$(curl -fsS -H "$auth" "$api/models/champion" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2)
    other=$(curl -fsS -H "$auth" "$api/models" | grep -o '"version":[0-9]*' | cut -d: -f2 | grep -E '^[0-9]+$' | grep -vx "$champion" | tail -1 || true)
    [ -n "$other" ] || { echo "need two registered versions (run the pipeline again with other parameters)" >&2; exit 1; }
    echo "champion v$champion; approving v$other at 10 s and v$champion again at 25 s while wrk runs 40 s at 4 connections"
    COUNT_VERSIONS=1 BODIES="$work/products-2000.jsonl" wrk -H "$auth" -t1 -c4 -d40s --latency \
      -s forecast-service/bench/forecasts.lua "$api/forecasts" >"$work/approve.wrk" &
    wrk_pid=$!
    approve() {
      curl -fsS -o /dev/null -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"decision\":\"approve\",\"reason\":\"bench: swap under load\",\"decidedBy\":\"bench.sh\"}" \
        "$api/models/$1/approval"
    }
    sleep 10; approve "$other"; echo "approved v$other"
    sleep 15; approve "$champion"; echo "approved v$champion"
    wait "$wrk_pid"
    grep -E "requests in|Requests/sec|50%|99%|errors|Non-2xx|answered by" "$work/approve.wrk"
    ;;
  batch)
    n="${2:-1000000}"
    explain="${3:-true}"
    sampling="${4:+,\"captureSamplingPercentage\":$4}"
    new_products "$n" "$work/products-$n.jsonl"
    key="bench/batch-input/products-$n.jsonl"
    echo "uploading $(du -h "$work/products-$n.jsonl" | cut -f1) to s3://launchcast/$key"
    curl -fsS --aws-sigv4 "aws:amz:us-east-1:s3" --user launchcast:launchcast-local-secret \
      -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$work/products-$n.jsonl" "$s3/$key" >/dev/null
    pid=$(forecast_pid)
    job=$(curl -fsS -H "$auth" -H 'Content-Type: application/json' \
      -d "{\"inputUri\":\"s3://launchcast/$key\",\"outputPrefix\":\"s3://launchcast/bench/batch-output/$(date +%s)/\",\"explain\":$explain$sampling}" \
      "$api/batch-forecasts" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    echo "job $job on forecast-service pid $pid (heap in use sampled every second)"
    peak=0
    while :; do
      status=$(curl -fsS -H "$auth" "$api/batch-forecasts/$job")
      state=$(sed -n 's/.*"state":"\([^"]*\)".*/\1/p' <<<"$status")
      # heap in use from the service's own metrics: a jstat per second starts a JVM each time, which took a
      # fifth of a core from the job being measured
      used=$(curl -fsS -H "$auth" "$api/actuator/metrics/jvm.memory.used?tag=area:heap" \
        | sed -n 's/.*"value":\([0-9.E]*\).*/\1/p' | awk '{print int($1/1048576)}')
      ((used > peak)) && peak=$used
      printf '\r%s  %s%%  %s rows  %s rows/s  heap %s MB (peak %s MB)   ' "$state" \
        "$(sed -n 's/.*"percentDone":\([0-9]*\).*/\1/p' <<<"$status")" \
        "$(sed -n 's/.*"rowsDone":\([0-9]*\).*/\1/p' <<<"$status")" \
        "$(sed -n 's/.*"rowsPerSecond":\([0-9.]*\).*/\1/p' <<<"$status")" "$used" "$peak"
      [[ "$state" == SUCCEEDED || "$state" == FAILED ]] && break
      sleep 1
    done
    echo; echo "$status"
    # a million forecasts with explanations are about 3.5 GB of output (and as much again of data capture at
    # the default 100 % sampling): report the sizes, then drop the output so repeated runs do not fill the disk
    out_dir="$data/$(sed -n 's/.*"outputPrefix":"s3:\/\/launchcast\/\([^"]*\)".*/\1/p' <<<"$status")"
    echo "output: $(du -sh "$out_dir" 2>/dev/null | cut -f1) in $(ls "$out_dir" 2>/dev/null | wc -l) objects (removed after this run);" \
      "data capture so far: $(du -sh "$data/capture" 2>/dev/null | cut -f1)"
    rm -rf "$out_dir"
    echo "peak heap used (1 s samples): $peak MB; max heap: $(jcmd "$pid" VM.flags | grep -o 'MaxHeapSize=[0-9]*' | cut -d= -f2 | awk '{print int($1/1048576)}') MB"
    ;;
  *) echo "unknown mode $mode (profile|trees|knowledge|http|approve|batch)" >&2; exit 2 ;;
esac
