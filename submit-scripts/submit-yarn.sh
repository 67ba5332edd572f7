#!/usr/bin/env bash
# Submits a recipe to a YARN cluster (on-premises Hadoop) with spark-submit --master yarn.
# Needs a Spark 3.5 client (SPARK_HOME), HADOOP_CONF_DIR (or YARN_CONF_DIR) and Java 17 on the nodes.
set -euo pipefail
PLATFORM="YARN"
PLATFORM_TEXT="spark-submit --master yarn"
deploy_mode="client"
queue=""
java_home=""

usage_platform() {
  cat <<'EOF_USAGE'

YARN:
  --deploy-mode MODE      client (default: the driver and its progress stay on this machine) or
                          cluster (the driver runs in YARN; the recipe is shipped with --files)
  --queue NAME            YARN queue
  --java-home DIR         JAVA_HOME of a Java 17 on the nodes, when theirs is older
  --packages LIST         extra Maven packages for spark-submit (hadoop-aws is added for s3a:// by itself)

Environment: SPARK_SUBMIT (a spark-submit command) or SPARK_HOME; else spark-submit on PATH.
HADOOP_CONF_DIR or YARN_CONF_DIR must point at the cluster's configuration.
Secrets named with --secret-env reach the driver and executors as container environment through a
private (mode 600) properties file that also carries spark-defaults.conf; never a command line.

Example:
  submit-scripts/submit-yarn.sh recipe.yaml --target hdfs:///zarr/oisst.zarr --executors 50 \
      --executor-memory 4g --executor-cores 1 --deploy-mode cluster --queue science
EOF_USAGE
}

parse_platform_option() {
  case "$1" in
    --deploy-mode)
      need_value "$@"
      [[ "$2" == client || "$2" == cluster ]] || die "--deploy-mode is client or cluster, got '$2'"
      deploy_mode="$2"; return 2 ;;
    --queue) need_value "$@"; queue="$2"; return 2 ;;
    --java-home) need_value "$@"; java_home="$2"; return 2 ;;
    --packages) need_value "$@"; packages="$2"; return 2 ;;
  esac
  return 0
}

# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_args "$@"
find_jar
if [[ -z "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" ]] && ! $dry_run; then
  die "set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the cluster's Hadoop configuration directory"
fi

submit_opts=(--master yarn --deploy-mode "$deploy_mode" --class "$ARCOFORGE_CLASS"
  --num-executors "$executors" --executor-memory "$executor_memory" --executor-cores "$executor_cores"
  --driver-memory "$driver_memory")
[[ -z "$queue" ]] || submit_opts+=(--queue "$queue")
if [[ -n "$java_home" ]]; then
  submit_opts+=(--conf "spark.yarn.appMasterEnv.JAVA_HOME=$java_home" --conf "spark.executorEnv.JAVA_HOME=$java_home")
fi
recipe_arg="$recipe"
if [[ "$deploy_mode" == cluster ]]; then
  submit_opts+=(--files "$recipe")
  recipe_arg="$(basename "$recipe")"
elif [[ "$recipe" != *://* ]]; then
  recipe_arg="$(cd "$(dirname "$recipe")" && pwd)/$(basename "$recipe")"
fi
add_common_submit_options add-connectors
set_app_arguments "$recipe_arg"

if [[ ${#secret_envs[@]} -gt 0 ]]; then
  if $dry_run; then
    echo "# --properties-file is written at run time (mode 600, removed after): spark-defaults.conf and" \
      "spark.executorEnv / spark.yarn.appMasterEnv for ${secret_envs[*]}, values from the environment"
    submit_opts+=(--properties-file "ARCOFORGE_SECRETS.properties")
  else
    props="$(secret_properties_file)"
    trap 'rm -f "$props"' EXIT
    submit_opts+=(--properties-file "$props")
  fi
fi
run "$(spark_submit_command)" "${submit_opts[@]}" "$jar" "${app_args[@]}"
