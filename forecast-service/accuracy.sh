#!/usr/bin/env bash
# Prints the accuracy tables (configured split and rolling-origin backtest) for every model and baseline.
# Usage: forecast-service/accuracy.sh [config.yml] [--dataset CURATED_VERSION_DIR] [--protocols split,backtest]
# The configuration (default forecast-service/accuracy/visuelle.yml) holds everything dataset-specific.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-forecast-service/accuracy/visuelle.yml}"
if [ $# -gt 0 ]; then shift; fi
mvn="mvn"; [ -x ./mvnw ] && mvn="./mvnw"
$mvn -B -q -pl features install -DskipTests
$mvn -B -q -pl forecast-service compile dependency:build-classpath \
  -Dmdep.outputFile=target/accuracy.classpath
exec java -cp "forecast-service/target/classes:$(cat forecast-service/target/accuracy.classpath)" \
  io.launchcast.forecast.accuracy.AccuracyReportCommand "$config" "$@"
