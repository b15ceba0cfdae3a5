#!/usr/bin/env bash
# Drafts mapping.yml and training.yml for a folder of raw data files (CSV, JSON Lines, Parquet, Excel; gzip or not)
# from a sample of each file: which files are one source, their format, and each column's guessed role (product id,
# sales date, units, region, price, attributes, launch date, sales columns per period). A file the folder already
# has is left as it is and its draft printed instead. Check every 'guessed' line with docs/mapping.md, then run
# forecast-service/accuracy.sh on the folder.
#
# Usage: ingestion-service/draft-mapping.sh FOLDER
set -euo pipefail
[ $# -eq 1 ] && [ -d "$1" ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
folder=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."
mvn="mvn"; [ -x ./mvnw ] && mvn="./mvnw"
if [ ! -f ingestion-service/target/accuracy.classpath ] || [ -z "${LAUNCHCAST_ACCURACY_BUILT:-}" ]; then
  # a fresh clone has nothing installed: build the module and what it needs, then take its classpath
  $mvn -B -q install -DskipTests -pl ingestion-service -am
  $mvn -B -q -pl ingestion-service dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/accuracy.classpath
fi
exec java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "ingestion-service/target/classes:$(cat ingestion-service/target/accuracy.classpath)" \
  io.launchcast.ingestion.draft.DraftMappingCommand "$folder"
