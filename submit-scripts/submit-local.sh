#!/usr/bin/env bash
# Runs a recipe with spark-submit in local mode: the application jar on one machine, the same way
# it runs on a cluster. Needs a Spark 3.5 installation (SPARK_HOME) and Java 17.
set -euo pipefail
PLATFORM="local"
PLATFORM_TEXT="spark-submit --master local[N] on this machine"

usage_platform() {
  cat <<'EOF_USAGE'

Local mode:
  Spark runs in one JVM with executors x executor-cores task threads; --driver-memory is its heap
  (--executor-memory does not apply).
  --packages LIST         extra Maven packages for spark-submit (hadoop-aws is added for s3a:// by itself)

Environment: SPARK_SUBMIT (a spark-submit command) or SPARK_HOME; else spark-submit on PATH.
Secrets named with --secret-env are read by the local JVM from this environment.

Example:
  submit-scripts/submit-local.sh examples/oisst-daily.yaml --target /tmp/oisst.zarr --executors 2
EOF_USAGE
}

parse_platform_option() {
  case "$1" in
    --packages) need_value "$@"; packages="$2"; return 2 ;;
  esac
  return 0
}

# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_args "$@"
find_jar

submit_opts=(--master "local[$((executors * executor_cores))]" --driver-memory "$driver_memory" --class "$ARCOFORGE_CLASS")
add_common_submit_options add-connectors
set_app_arguments "$recipe"
run "$(spark_submit_command)" "${submit_opts[@]}" "$jar" "${app_args[@]}"
