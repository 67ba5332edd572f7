#!/usr/bin/env bash
# Runs a recipe on Google Cloud Dataproc with gcloud: a Spark job on a running cluster (--cluster)
# or a Dataproc Serverless batch (--serverless).
set -euo pipefail
PLATFORM="Dataproc"
PLATFORM_TEXT="a Spark job on Google Cloud Dataproc, with gcloud"
cluster=""
serverless=false
stage=""
region=""
project=""
runtime_version="2.2"

usage_platform() {
  cat <<'EOF_USAGE'

Dataproc:
  --cluster NAME          submit to this running cluster (gcloud dataproc jobs submit spark)
  --serverless            or run a Dataproc Serverless batch (gcloud dataproc batches submit spark)
  --region REGION         Dataproc region (required)
  --project ID            Google Cloud project (default: gcloud's)
  --stage gs://BUCKET/PREFIX
                          upload the jar and the recipe there first (not needed when --jar and
                          RECIPE are gs:// URIs already)
  --version V             Serverless runtime version (default 2.2: Spark 3.5, Java 17)

The jar needs Java 17 and Spark 3.5: Serverless runtime 2.2, or a cluster image whose Java is 17.
GCS access comes from the cluster's (or batch's) service account: --secret-env is refused,
because Dataproc keeps job arguments and properties in plain text. Serverless executors have at
least 4 cores, so --executor-cores below 4 becomes 4 there.

Example:
  submit-scripts/submit-dataproc.sh recipe.yaml --target gs://my-bucket/zarr/oisst.zarr \
      --stage gs://my-bucket/arcoforge --region europe-west1 --cluster science --executors 40
EOF_USAGE
}

parse_platform_option() {
  case "$1" in
    --cluster) need_value "$@"; cluster="$2"; return 2 ;;
    --serverless) serverless=true; return 1 ;;
    --region) need_value "$@"; region="$2"; return 2 ;;
    --project) need_value "$@"; project="$2"; return 2 ;;
    --stage) need_value "$@"; stage="${2%/}"; return 2 ;;
    --version) need_value "$@"; runtime_version="$2"; return 2 ;;
  esac
  return 0
}

# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_args "$@"
refuse_secrets_on_managed "grant the cluster's (or batch's) service account access to your buckets instead"
existing=false
[[ -z "$cluster" ]] || existing=true
if [[ "$existing" == "$serverless" ]]; then
  die "give either --cluster NAME (a running cluster) or --serverless"
fi
[[ -n "$region" ]] || die "give --region REGION"
find_jar

jar_uri="$(staged_uri "$jar" gs)"
recipe_uri="$(staged_uri "$recipe" gs)"
upload() {
  [[ "$1" == "$2" ]] || run gcloud storage cp "$1" "$2" ${project:+--project="$project"}
}
upload "$jar" "$jar_uri"
upload "$recipe" "$recipe_uri"

if $serverless && [[ "$executor_cores" -lt 4 ]]; then
  echo "$(basename "$0"): note: Serverless executors have 4, 8 or 16 cores; using 4" >&2
  executor_cores=4
fi
props=("spark.executor.instances=$executors" "spark.executor.memory=$executor_memory"
  "spark.executor.cores=$executor_cores" "spark.driver.memory=$driver_memory")
props+=(${spark_confs[@]+"${spark_confs[@]}"})
# gcloud splits --properties at commas unless another delimiter is declared (^#^).
joined="" sep="," prefix=""
for p in "${props[@]}"; do
  if [[ "$p" == *,* ]]; then
    sep="#" prefix="^#^"
  fi
done
for p in "${props[@]}"; do
  joined+="${joined:+$sep}$p"
done
set_app_arguments "$(basename "$recipe_uri")"

if $serverless; then
  run gcloud dataproc batches submit spark --region="$region" --version="$runtime_version" \
    --class="$ARCOFORGE_CLASS" --jars="$jar_uri" --files="$recipe_uri" --properties="$prefix$joined" \
    ${project:+--project="$project"} -- "${app_args[@]}"
else
  run gcloud dataproc jobs submit spark --cluster="$cluster" --region="$region" \
    --class="$ARCOFORGE_CLASS" --jars="$jar_uri" --files="$recipe_uri" --properties="$prefix$joined" \
    ${project:+--project="$project"} -- "${app_args[@]}"
fi
