#!/usr/bin/env bash
# Benchmark: the store stage reading inputs from s3a:// (s3proxy on loopback, started here) versus
# from local files, on the same OISST-like days (default 30 at 720 x 1440). Prints, per case, the
# store stage's MB/s of source data and the GET and HEAD requests per input file as s3proxy counted
# them (metadata and store stages together), with the block cache on and off.
# With --repeat N each case runs N times and the fastest store stage counts (the machine may be shared).
#   bench/s3-source.sh [--days N] [--repeat N] [--heap 1g]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=30 heap=1g repeat=1
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
"$root/bin/setup"
(cd "$root" && mvn -q -B -DskipTests package)   # also copies s3proxy to spark-app/target/s3proxy
data="$bench/data/oisst"
# shellcheck source=bench/common.sh
source "$bench/common.sh"
ensure_archive "$data" "$days"
work="$bench/work/s3"
rm -rf "$work" && mkdir -p "$work/buckets"

start_s3proxy "$work"
s3curl -X PUT "http://127.0.0.1:$port/archive" > /dev/null
echo "uploading $days files to s3proxy..."
for i in $(seq 0 $((days - 1))); do
  f="$(day_file "$data" "$i")"
  s3curl -T "$f" "http://127.0.0.1:$port/archive/oisst/$(basename "$f")" > /dev/null
done
src_bytes=$(source_bytes "$data" "$days")

hadoop=(--hadoop "fs.s3a.endpoint=http://127.0.0.1:$port" --hadoop fs.s3a.endpoint.region=us-east-1
  --hadoop fs.s3a.path.style.access=true --hadoop fs.s3a.connection.ssl.enabled=false
  --hadoop fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider
  --hadoop "fs.s3a.access.key=$access" --hadoop "fs.s3a.secret.key=$secret")

# run_case NAME TEMPLATE-DIR [extra args]: one run, one result line
run_case() {
  local name="$1" dir="$2"; shift 2
  local recipe="$work/$name.yaml" store="$work/$name.zarr" log="$work/$name.log"
  render_recipe "$dir" "$days" "{name: zstd, level: 1, shuffle: true}" "{time: 10}" > "$recipe"
  local store_s="" gets heads t before
  for _ in $(seq "$repeat"); do
    rm -rf "$store"
    before=$(wc -l < "$work/s3proxy.log")
    ARCOFORGE_JAVA_OPTS="-Xmx$heap" "$root/bin/arcoforge" run "$recipe" --target "$store" \
      --conf spark.ui.enabled=false "$@" > "$log" 2>&1 || { echo "run $name failed:"; tail -20 "$log"; exit 1; }
    if grep -q -- "$secret" "$log"; then echo "the secret key appears in $log" >&2; exit 1; fi
    t=$(awk '/^  store chunks / {print $(NF-1)}' "$log")
    if [[ -z "$store_s" ]] || awk -v a="$t" -v b="$store_s" 'BEGIN { exit !(a < b) }'; then store_s=$t; fi
    gets=$(tail -n +"$((before + 1))" "$work/s3proxy.log" | grep -c 'request: .*{GET@[^ ]* [^ ]*/archive/oisst/' || true)
    heads=$(tail -n +"$((before + 1))" "$work/s3proxy.log" | grep -c 'request: .*{HEAD@[^ ]* [^ ]*/archive/oisst/' || true)
  done
  awk -v n="$name" -v s="$src_bytes" -v t="$store_s" -v g="$gets" -v h="$heads" -v d="$days" 'BEGIN {
    printf "%-22s %3d files %7.1f MB  store stage %6.1f s  %6.1f MB/s  GET/file %5.1f  HEAD/file %4.1f\n",
      n, d, s/1e6, t, s/1e6/t, g/d, h/d }'
}

echo "== store stage: inputs on local disk vs s3a (s3proxy on loopback), Spark local[*] on $(nproc) cores"
run_case "file" "$data"
run_case "s3a" "s3a://archive/oisst" "${hadoop[@]}"
run_case "s3a-no-block-cache" "s3a://archive/oisst" "${hadoop[@]}" --hadoop arcoforge.read.block.count=0
run_case "s3a-1m-blocks" "s3a://archive/oisst" "${hadoop[@]}" --hadoop arcoforge.read.block.size=1m
