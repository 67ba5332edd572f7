# shellcheck shell=bash
# shellcheck disable=SC2154  # root and bench are set by the sourcing script
# Shared by the bench scripts (sourced, with $root and $bench set): the OISST-like archive and the
# benchmark recipe (bench/oisst.yaml.in), daily files from 1981-09-01.

# day_file DATA I: the path of day I (0-based) in DATA
day_file() {
  echo "$1/oisst-avhrr-v02r01.$(date -d "1981-09-01 + $2 days" +%Y%m%d).nc"
}

# ensure_archive DATA DAYS: generates DAYS full-resolution daily files in DATA unless they are there
ensure_archive() {
  if [[ ! -f "$(day_file "$1" $(($2 - 1)))" ]]; then
    echo "generating $2 full-resolution daily files in $1 (once)..."
    local t0; t0=$(date +%s)
    "$root/bin/arcoforge" sample oisst "$1" --start 1981-09-01 --days "$2" --nlat 720 --nlon 1440
    echo "generated in $(($(date +%s) - t0)) s"
  fi
}

# source_bytes DATA DAYS: the size of the first DAYS files
source_bytes() {
  local n=0 i
  for i in $(seq 0 $(($2 - 1))); do
    n=$((n + $(stat -c %s "$(day_file "$1" "$i")")))
  done
  echo "$n"
}

# render_recipe BASE DAYS COMPRESSOR-YAML CHUNKS-YAML: the recipe over DAYS files under BASE (a
# folder or URL), on stdout
render_recipe() {
  local end; end=$(date -d "1981-09-01 + $(($2 - 1)) days" +%F)
  sed -e "s/@DAYS@/$2/" -e "s/@END@/$end/" -e "s|@COMPRESSOR@|$3|" -e "s|@CHUNKS@|$4|" \
    -e "s|\"data/oisst/|\"$1/|" "$bench/oisst.yaml.in"
}

# start_s3proxy WORK: s3proxy (copied by the build to spark-app/target/s3proxy) on a free port over
# WORK/buckets, stopped when the script exits; sets port, access and secret
start_s3proxy() {
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  access="bench" secret="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
  mkdir -p "$1/buckets"
  cat > "$1/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$1/buckets
PROPS
  LOG_LEVEL=debug JETTY_LOG_LEVEL=warn java -Xmx512m -jar "$root/spark-app/target/s3proxy/s3proxy.jar" \
    --properties "$1/s3proxy.properties" > "$1/s3proxy.log" 2>&1 &
  s3pid=$!
  trap 'kill "$s3pid" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.2
  done
}

# s3curl ARGS...: curl signed for the s3proxy of start_s3proxy
s3curl() {
  curl -sSf --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access:$secret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"
}

# median_of: the median of the numbers on stdin, one per line
median_of() {
  sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
