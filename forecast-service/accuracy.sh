#!/usr/bin/env bash
# Prints the accuracy tables (configured split and rolling-origin backtest) for every model and baseline of a
# data project, without starting the suite: the project's files go through its mapping (the ingestion job, in
# process, into target/accuracy/<project>/), then its training.yml is evaluated on the curated version.
#
# Usage: forecast-service/accuracy.sh [PROJECT_FOLDER] [--protocols split,backtest,small] [--dataset CURATED_VERSION_DIR]
#                                      [--markdown FILE] [--max-fit-launches N] [--max-test-launches N]
#        forecast-service/accuracy.sh --all [--protocols split,backtest,small]
#   PROJECT_FOLDER  a folder with mapping.yml, training.yml and the data files (default samples/visuelle)
#   --dataset       evaluate an already curated version instead of ingesting the folder's files
#   --markdown      also write the tables to FILE as a Markdown section
#   --max-fit-launches, --max-test-launches  the most launches of the split and of each backtest origin (default
#                   10000 each, as the training pipeline): above, it trains and scores on reproducible,
#                   time-stratified samples
#   --all           every bundled project under samples/, the tables written to docs/accuracy.md
# Its JVMs take Java's default heap (a quarter of the machine's memory); JAVA_TOOL_OPTIONS=-Xmx2g bounds them (a
# 103,830-article project's split, two cutoffs sampled to 10,000 fit launches each, ran in it: 2.8 GB resident).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # XGBoost's waiting threads sleep (ADR 0115)
mvn="mvn"; [ -x ./mvnw ] && mvn="./mvnw"
if [ -z "${LAUNCHCAST_ACCURACY_BUILT:-}" ]; then
  # a fresh clone has nothing installed: build the two modules and what they need, then take their classpaths
  $mvn -B -q install -DskipTests -pl ingestion-service,forecast-service -am
  for module in ingestion-service forecast-service; do
    $mvn -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/accuracy.classpath
  done
  export LAUNCHCAST_ACCURACY_BUILT=1
fi
if [ "${1:-}" == --all ]; then
  shift
  sections=target/accuracy/sections
  rm -rf "$sections" && mkdir -p "$sections"
  for project in samples/*/; do
    [ -f "$project/training.yml" ] || continue
    "$0" "${project%/}" "$@" --markdown "$sections/$(basename "$project").md"
  done
  {
    echo "# Accuracy of the bundled data projects"
    echo
    echo "Written by \`forecast-service/accuracy.sh --all $*\` on $(date -u +%Y-%m-%d) at commit" \
      "\`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`; do not edit by hand. Every choice (candidate, weights," \
      "level) is made on validation folds inside the fit launches; the test launches are only scored. WAPE, MAE and" \
      "bias are of the point forecast (a mean, or a median where a model takes one); wQL is the weighted quantile" \
      "loss; the **registered** row is what the pipeline would register."
    for section in "$sections"/*.md; do echo; cat "$section"; done
  } > docs/accuracy.md
  echo "wrote docs/accuracy.md"
  exit 0
fi
project="${1:-samples/visuelle}"
if [ $# -gt 0 ]; then shift; fi
[ -f "$project/training.yml" ] || { echo "$project has no training.yml (see docs/model-config.md; ingestion-service/draft-mapping.sh $project drafts it and the mapping from the files)" >&2; exit 2; }
dataset=""
for arg in "$@"; do [ "$arg" == --dataset ] && dataset=given; done
if [ -z "$dataset" ]; then
  out="target/accuracy/$(basename "$(cd "$project" && pwd)")"
  rm -rf "$out"
  # two logback.xml on the classpath (the local stand-ins' and one inside ElasticMQ's jar): the first is used, as
  # in the services; its status report of the duplicate is not this command's output
  # its report goes to standard error as it comes, its last line (the curated version) is kept; not through
  # `tee /dev/stderr`, which reopens a redirected log file and truncates what was written before
  dataset=$(java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    -cp "ingestion-service/target/classes:$(cat ingestion-service/target/accuracy.classpath)" \
    io.launchcast.ingestion.folder.IngestFolderCommand "$project" "$out" \
    | { last=""; while IFS= read -r line || [ -n "$line" ]; do printf '%s\n' "$line" >&2; last=$line; done; printf '%s\n' "$last"; })
  set -- --dataset "$dataset" "$@"
fi
exec java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "forecast-service/target/classes:$(cat forecast-service/target/accuracy.classpath)" \
  io.launchcast.forecast.accuracy.AccuracyReportCommand "$project/training.yml" "$@"
