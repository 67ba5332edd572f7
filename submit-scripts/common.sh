# Shared by the submit-*.sh scripts (sourced, not run): one set of arguments, --dry-run, secrets by
# environment variable name only. Each script sets PLATFORM and defines usage_platform and
# parse_platform_option before sourcing this file.
# shellcheck shell=bash disable=SC2034  # the variables are read by the scripts that source this

ARCOFORGE_CLASS="org.arcoforge.cli.ArcoForge"
HADOOP_AWS_PACKAGE="org.apache.hadoop:hadoop-aws:3.3.4"   # must match the Hadoop inside Spark 3.5

recipe=""
target=""
cache=""
executors=4
executor_memory="4g"
executor_cores=1
driver_memory="2g"
jar=""
prune=""
overwrite=false
break_lock=false
append=false
allow_gaps=false
dry_run=false
packages=""
spark_confs=()
hadoop_confs=()
secret_envs=()
submit_opts=()
app_args=()

usage_common() {
  cat <<EOF
Usage: $(basename "$0") RECIPE --target URI [options]

Runs an ARCO Forge recipe ($PLATFORM_TEXT). The same options work for every submit-*.sh script.

  RECIPE                  recipe YAML file (inputs should be absolute URIs the cluster can read)
  --target URI            where to write the Zarr store (hdfs://, s3a://, s3://, gs://, file://)
  --cache URI             cache root for the inputs (passed to 'arcoforge run --cache')
  --executors N           number of executors (default $executors)
  --executor-memory M     memory per executor (default $executor_memory)
  --executor-cores C      cores per executor (default $executor_cores; the bakery model: many 1-core executors)
  --driver-memory M       driver memory (default $driver_memory)
  --jar PATH|URI          application jar (default: spark-app/target/arcoforge-app-*.jar)
  --prune N               test run over the first N keys of the concat dimension
  --overwrite             replace a target made by another recipe
  --append                extend the store at --target with the recipe's inputs it does not hold yet
                          ('arcoforge append'; nothing new: says so and writes nothing)
  --allow-gaps            with --append: accept new steps after a gap in the store's regular steps
  --break-lock            take over the target's lease left by a run that stopped (once stale)
  --conf KEY=VALUE        Spark setting (repeatable)
  --hadoop KEY=VALUE      Hadoop setting for sources and target (repeatable; never put secrets here)
  --secret-env NAME       pass the environment variable NAME to the driver and executors without
                          putting its value on any command line (repeatable)
  --dry-run               print the exact commands and change nothing
  -h, --help              this help
EOF
}

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# Prints a command as one copy-pasteable shell line.
print_command() {
  local out="" a
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then
      out+="$a "
    elif [[ "$a" != *"'"* ]]; then
      out+="'$a' "
    else
      out+="$(printf '%q' "$a") "
    fi
  done
  echo "${out% }"
}

# Runs a command, or prints it under --dry-run.
run() {
  if $dry_run; then
    print_command "$@"
  else
    "$@"
  fi
}

need_value() {
  [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (see --help)"
}

parse_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage_common; usage_platform; exit 0 ;;
      --target) need_value "$@"; target="$2"; shift 2 ;;
      --cache) need_value "$@"; cache="$2"; shift 2 ;;
      --executors) need_value "$@"; executors="$2"; shift 2 ;;
      --executor-memory) need_value "$@"; executor_memory="$2"; shift 2 ;;
      --executor-cores) need_value "$@"; executor_cores="$2"; shift 2 ;;
      --driver-memory) need_value "$@"; driver_memory="$2"; shift 2 ;;
      --jar) need_value "$@"; jar="$2"; shift 2 ;;
      --prune) need_value "$@"; prune="$2"; shift 2 ;;
      --overwrite) overwrite=true; shift ;;
      --append) append=true; shift ;;
      --allow-gaps) allow_gaps=true; shift ;;
      --break-lock) break_lock=true; shift ;;
      --conf) need_value "$@"; spark_confs+=("$2"); shift 2 ;;
      --hadoop) need_value "$@"; hadoop_confs+=("$2"); shift 2 ;;
      --secret-env) need_value "$@"; secret_envs+=("$2"); shift 2 ;;
      --dry-run) dry_run=true; shift ;;
      --*)
        local used=0
        parse_platform_option "$@" || used=$?
        [[ $used -gt 0 ]] || die "unknown option $1 (see --help)"
        shift "$used" ;;
      *)
        [[ -z "$recipe" ]] || die "one recipe at a time (got '$recipe' and '$1')"
        recipe="$1"; shift ;;
    esac
  done
  [[ -n "$recipe" ]] || die "give the recipe YAML file (see --help)"
  [[ -n "$target" ]] || die "give --target URI (see --help)"
  [[ "$executors" =~ ^[1-9][0-9]*$ ]] || die "--executors must be a positive number, got '$executors'"
  [[ "$executor_cores" =~ ^[1-9][0-9]*$ ]] || die "--executor-cores must be a positive number, got '$executor_cores'"
  [[ -z "$prune" || "$prune" =~ ^[1-9][0-9]*$ ]] || die "--prune must be a positive number, got '$prune'"
  if $append; then
    if [[ -n "$prune" ]] || $overwrite; then
      die "--append extends a store: it takes neither --prune nor --overwrite"
    fi
  else
    ! $allow_gaps || die "--allow-gaps goes with --append"
  fi
  local kv key
  for kv in ${spark_confs[@]+"${spark_confs[@]}"} ${hadoop_confs[@]+"${hadoop_confs[@]}"}; do
    [[ "$kv" == *=* ]] || die "'$kv' is not KEY=VALUE"
    key="$(printf '%s' "${kv%%=*}" | tr '[:upper:]' '[:lower:]')"
    if [[ "$key" =~ (secret|password|token|access[._-]?key|credential) ]]; then
      die "'${kv%%=*}' looks like a secret: pass it with --secret-env NAME (or the cluster's role) instead of the command line"
    fi
  done
  local name
  for name in ${secret_envs[@]+"${secret_envs[@]}"}; do
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "--secret-env takes an environment variable NAME, got '$name'"
    [[ -n "${!name:-}" ]] || $dry_run || die "environment variable $name (from --secret-env) is not set"
  done
  if [[ "$recipe" != *://* ]]; then
    [[ -f "$recipe" ]] || die "recipe file $recipe does not exist"
    local template
    template="$(sed -n "s/^[[:space:]]*template:[[:space:]]*[\"']\{0,1\}\([^\"' ]*\).*/\1/p" "$recipe" | head -n 1)"
    if [[ -n "$template" && "$template" != /* && ! "$template" =~ ^[A-Za-z][A-Za-z0-9+.-]*:// ]]; then
      echo "$(basename "$0"): note: $recipe has a relative template ($template); on a cluster, inputs need absolute URIs" >&2
    fi
  fi
}

# The application jar: --jar, else the one built in this checkout.
find_jar() {
  if [[ -n "$jar" ]]; then
    [[ "$jar" == *://* || -f "$jar" ]] || die "application jar $jar does not exist"
    return
  fi
  local here candidates
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  candidates=("$here"/spark-app/target/arcoforge-app-*.jar)
  [[ -f "${candidates[0]}" ]] || die "no application jar: build it with 'mvn -B -DskipTests package' or pass --jar"
  jar="${candidates[0]}"
}

# The spark-submit to use: $SPARK_SUBMIT, else $SPARK_HOME/bin/spark-submit, else the one on PATH.
spark_submit_command() {
  if [[ -n "${SPARK_SUBMIT:-}" ]]; then
    echo "$SPARK_SUBMIT"
  elif [[ -n "${SPARK_HOME:-}" ]]; then
    echo "$SPARK_HOME/bin/spark-submit"
  else
    echo "spark-submit"
  fi
}

# Appends to submit_opts the --conf settings and, with add-connectors (off EMR/Dataproc, where the
# cluster provides them), the s3a connector package.
add_common_submit_options() {
  local kv
  for kv in ${spark_confs[@]+"${spark_confs[@]}"}; do
    submit_opts+=(--conf "$kv")
  done
  local pkgs="$packages"
  if [[ "$1" == "add-connectors" ]] && uses_scheme s3a && [[ "$pkgs" != *hadoop-aws* ]]; then
    pkgs="${pkgs:+$pkgs,}$HADOOP_AWS_PACKAGE"
  fi
  [[ -z "$pkgs" ]] || submit_opts+=(--packages "$pkgs")
}

uses_scheme() {
  [[ "$target" == "$1://"* || "$cache" == "$1://"* ]] && return 0
  [[ "$recipe" != *://* ]] && grep -q "$1://" "$recipe"
}

# Sets app_args, the arguments after the jar: 'run RECIPE --target URI ...' (or 'append ...').
set_app_arguments() {
  if $append; then
    app_args=(append "$1" --target "$target")
    ! $allow_gaps || app_args+=(--allow-gaps)
  else
    app_args=(run "$1" --target "$target")
  fi
  [[ -z "$cache" ]] || app_args+=(--cache "$cache")
  [[ -z "$prune" ]] || app_args+=(--prune "$prune")
  ! $overwrite || app_args+=(--overwrite)
  ! $break_lock || app_args+=(--break-lock)
  local kv
  for kv in ${hadoop_confs[@]+"${hadoop_confs[@]}"}; do
    app_args+=(--hadoop "$kv")
  done
}

# Writes spark-defaults plus the secrets (as container environment) to a private properties file
# and prints its path; the values never reach a command line.
secret_properties_file() {
  local defaults="${SPARK_CONF_DIR:-${SPARK_HOME:-}/conf}/spark-defaults.conf"
  local file name
  file="$(mktemp "${TMPDIR:-/tmp}/arcoforge-submit.XXXXXX.properties")"
  chmod 600 "$file"
  [[ ! -f "$defaults" ]] || cat "$defaults" >>"$file"
  for name in ${secret_envs[@]+"${secret_envs[@]}"}; do
    printf 'spark.yarn.appMasterEnv.%s=%s\nspark.executorEnv.%s=%s\n' "$name" "${!name}" "$name" "${!name}" >>"$file"
  done
  echo "$file"
}

refuse_secrets_on_managed() {
  if [[ ${#secret_envs[@]} -gt 0 ]]; then
    die "--secret-env is not supported on $PLATFORM: $1"
  fi
}

# Where a local file goes under --stage (a URI with the stage's scheme stays as it is).
staged_uri() {
  if [[ "$1" == "$2"://* ]]; then
    echo "$1"
    return
  fi
  [[ -n "$stage" ]] || die "$1 is a local file: give --stage $2://BUCKET/PREFIX to upload it"
  [[ "$stage" == "$2"://* ]] || die "--stage must be a $2:// URI, got '$stage'"
  echo "$stage/$(basename "$1")"
}

# A JSON string literal.
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\t'/\\t}"
  printf '"%s"' "$s"
}

# A JSON array of strings.
json_array() {
  local out="[" sep="" a
  for a in "$@"; do
    out+="$sep$(json_string "$a")"
    sep=","
  done
  printf '%s]' "$out"
}
