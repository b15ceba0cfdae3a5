# Launchcast's Glue job (docs/adr/0006, 0020): runs the ingestion-service's transformation definition
# (transform.sql, passed verbatim as --transform-sql) in Spark SQL over the rows the service staged as Parquet.
# The service validates and stages, then reads this job's output back and publishes the curated version itself,
# so this script stays generic: no mapping-specific code lives here.
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

STAGED_TABLES = ["products", "sales", "signals"]
SECTION = "-- @table "

# argparse (inside getResolvedOptions) turns --staging-uri into the key "staging_uri"
args = getResolvedOptions(sys.argv, ["JOB_NAME", "launchcast-run-id", "mapping", "staging-uri", "output-uri",
                                     "transform-sql"])
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)


def sections(text):
    """The SELECT of each table, split exactly as TransformDefinition.parse does."""
    selects, table, body = {}, None, []
    for line in text.split("\n"):
        trimmed = line.strip()
        if trimmed.startswith(SECTION):
            if table is not None:
                selects[table] = clean(body)
            table, body = trimmed[len(SECTION):].strip(), []
        elif table is not None and not trimmed.startswith("--"):
            body.append(line)
    if table is not None:
        selects[table] = clean(body)
    return selects


def clean(lines):
    sql = "\n".join(lines).strip()
    return sql[:-1].strip() if sql.endswith(";") else sql


staging = args["staging_uri"].rstrip("/")
output = args["output_uri"].rstrip("/")
for table in STAGED_TABLES:
    try:
        spark.read.parquet(f"{staging}/{table}/").createOrReplaceTempView(f"{table}_stage")
    except Exception as missing:  # a mapping without signals stages no signals table
        print(f"no staged {table}: {missing}")

for table, select in sections(args["transform_sql"]).items():
    spark.sql(select).write.mode("overwrite").option("compression", "zstd").parquet(f"{output}/{table}/")

job.commit()
