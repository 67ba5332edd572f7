#!/usr/bin/env bash
# Runs a recipe on Amazon EMR (7.x: Spark 3.5, Java 17) with the AWS CLI: as a step added to a
# running cluster (--cluster-id) or on a new cluster that ends when the step is done (--create-cluster).
set -euo pipefail
PLATFORM="EMR"
PLATFORM_TEXT="a Spark step on Amazon EMR, with the AWS CLI"
cluster_id=""
create_cluster=false
stage=""
region=""
release="emr-7.5.0"
instance_type="m5.xlarge"
instance_count=3
log_uri=""
configurations="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/emr-dataproc-configs/emr-configurations.json"

usage_platform() {
  cat <<'EOF_USAGE'

EMR:
  --cluster-id ID         add the step to this running cluster (aws emr add-steps)
  --create-cluster        or create a cluster that runs the step and terminates (aws emr create-cluster)
  --stage s3://BUCKET/PREFIX
                          upload the jar and the recipe there first (not needed when --jar and
                          RECIPE are s3:// URIs already)
  --region REGION         AWS region (default: the AWS CLI's)
  --release LABEL         EMR release for --create-cluster (default emr-7.5.0; 7.x runs Java 17)
  --instance-type TYPE    for --create-cluster (default m5.xlarge: 4 vCPU, 16 GiB = 3 bakery executors)
  --instance-count N      for --create-cluster, master included (default 3)
  --log-uri s3://...      for --create-cluster: where EMR keeps step and container logs
  --configurations FILE   for --create-cluster (default emr-dataproc-configs/emr-configurations.json)

The step runs spark-submit --deploy-mode cluster; the recipe travels with --files. S3 access
comes from the cluster's instance profile role: --secret-env is refused, because EMR keeps step
arguments and configurations in plain text. EMRFS (s3://) and s3a:// both work on EMR.

Example:
  submit-scripts/submit-emr.sh recipe.yaml --target s3://my-bucket/zarr/oisst.zarr \
      --stage s3://my-bucket/arcoforge/ --cluster-id j-2AXXXXXXGAPLF --executors 40
EOF_USAGE
}

parse_platform_option() {
  case "$1" in
    --cluster-id) need_value "$@"; cluster_id="$2"; return 2 ;;
    --create-cluster) create_cluster=true; return 1 ;;
    --stage) need_value "$@"; stage="${2%/}"; return 2 ;;
    --region) need_value "$@"; region="$2"; return 2 ;;
    --release) need_value "$@"; release="$2"; return 2 ;;
    --instance-type) need_value "$@"; instance_type="$2"; return 2 ;;
    --instance-count) need_value "$@"; instance_count="$2"; return 2 ;;
    --log-uri) need_value "$@"; log_uri="$2"; return 2 ;;
    --configurations) need_value "$@"; configurations="$2"; return 2 ;;
  esac
  return 0
}

# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_args "$@"
refuse_secrets_on_managed "give the cluster's EC2 instance profile role access to your buckets instead"
existing=false
[[ -z "$cluster_id" ]] || existing=true
if [[ "$existing" == "$create_cluster" ]]; then
  die "give either --cluster-id ID (a running cluster) or --create-cluster"
fi
find_jar

# The cluster reads the jar and the recipe from S3.
jar_uri="$(staged_uri "$jar" s3)"
recipe_uri="$(staged_uri "$recipe" s3)"
upload() {
  [[ "$1" == "$2" ]] || run aws s3 cp "$1" "$2" ${region:+--region "$region"}
}
upload "$jar" "$jar_uri"
upload "$recipe" "$recipe_uri"

submit_opts=(--deploy-mode cluster --class "$ARCOFORGE_CLASS"
  --num-executors "$executors" --executor-memory "$executor_memory" --executor-cores "$executor_cores"
  --driver-memory "$driver_memory" --files "$recipe_uri")
add_common_submit_options cluster-provided
set_app_arguments "$(basename "$recipe_uri")"
name="arcoforge $(basename "$recipe_uri" .yaml)"
on_failure="CONTINUE"
! $create_cluster || on_failure="TERMINATE_CLUSTER"
steps="[{\"Type\":\"Spark\",\"Name\":$(json_string "$name"),\"ActionOnFailure\":\"$on_failure\",\"Args\":$(json_array "${submit_opts[@]}" "$jar_uri" "${app_args[@]}")}]"

if $create_cluster; then
  [[ "$configurations" == *://* || -f "$configurations" ]] || die "configurations file $configurations does not exist"
  [[ "$configurations" == *://* ]] || configurations="file://$configurations"
  run aws emr create-cluster --name "$name" --release-label "$release" --applications Name=Spark \
    --instance-type "$instance_type" --instance-count "$instance_count" --use-default-roles \
    --configurations "$configurations" --auto-terminate --steps "$steps" \
    ${log_uri:+--log-uri "$log_uri"} ${region:+--region "$region"}
else
  run aws emr add-steps --cluster-id "$cluster_id" --steps "$steps" ${region:+--region "$region"}
fi
