#!/usr/bin/env bash
# Append benchmark: a store of the OISST-like archive (default 300 daily files at 720 x 1440, time
# chunks of 8 so the store ends inside a chunk) on an s3a:// target (s3proxy on loopback, started
# here), then `arcoforge append` of the next day, --runs times on a fresh copy of the store. Prints
# the append's wall time next to the JVM's start alone (`arcoforge --version`), and the requests
# s3proxy counted for the append, by kind of object: chunks read and written (only the boundary
# chunk is read; only new chunks and the boundary chunk are written), metadata, our own files.
#   bench/append.sh [--days N] [--runs N] [--data DIR] [--heap 1g]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=300 runs=3 heap=1g data=""
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(cd "$root" && mvn -q -B -DskipTests package)   # also copies s3proxy to spark-app/target/s3proxy
data="${data:-$bench/data/oisst}"
# shellcheck source=bench/common.sh
source "$bench/common.sh"
ensure_archive "$data" $((days + 1))
work="$bench/work/append"
rm -rf "$work" && mkdir -p "$work/buckets"

start_s3proxy "$work"
s3curl -X PUT "http://127.0.0.1:$port/zarr" > /dev/null
hadoop=(--hadoop "fs.s3a.endpoint=http://127.0.0.1:$port" --hadoop fs.s3a.endpoint.region=us-east-1
  --hadoop fs.s3a.path.style.access=true --hadoop fs.s3a.connection.ssl.enabled=false
  --hadoop fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider
  --hadoop "fs.s3a.access.key=$access" --hadoop "fs.s3a.secret.key=$secret")
target="s3a://zarr/oisst.zarr"
render_recipe "$data" "$days" '{name: zstd, level: 1, shuffle: true}' '{time: 8}' > "$work/base.yaml"
render_recipe "$data" $((days + 1)) '{name: zstd, level: 1, shuffle: true}' '{time: 8}' > "$work/next.yaml"

echo "building the $days-day store on $target..."
ARCOFORGE_JAVA_OPTS="-Xmx$heap" "$root/bin/arcoforge" run "$work/base.yaml" --target "$target" \
  --conf spark.ui.enabled=false "${hadoop[@]}" > "$work/base.log" 2>&1 || { tail -20 "$work/base.log"; exit 1; }
cp -a "$work/buckets/zarr" "$work/base-store"

# count KIND-REGEX METHOD FROM-LINE: requests of METHOD on keys of the store matching KIND-REGEX
count() {
  tail -n +"$3" "$work/s3proxy.log" | grep 'request: ' | grep -E "\\{$2@[^ ]* [^ ]*/zarr/oisst\\.zarr/$1( |\\?|\\})" -c || true
}
wall() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

printf "%-6s %8s %8s | %-46s | %s\n" run "start s" "append s" "chunks: GET / PUT (boundary read, new+boundary written)" "metadata GET / PUT, own files GET / PUT, LIST"
for i in $(seq "$runs"); do
  rm -rf "$work/buckets/zarr" && cp -a "$work/base-store" "$work/buckets/zarr"
  start=$(wall "$root/bin/arcoforge" --version)
  before=$(($(wc -l < "$work/s3proxy.log") + 1))
  t0=$(date +%s.%N)
  ARCOFORGE_JAVA_OPTS="-Xmx$heap" "$root/bin/arcoforge" append "$work/next.yaml" --target "$target" \
    "${hadoop[@]}" > "$work/append-$i.log" 2>&1 || { tail -20 "$work/append-$i.log"; exit 1; }
  t1=$(date +%s.%N)
  if grep -q -- "$secret" "$work/append-$i.log"; then echo "the secret key appears in the log" >&2; exit 1; fi
  chunk='[a-z]+/[0-9.]+' meta='([a-z]+/)?\.z[a-z]+' own='\.arcoforge[^ ?}]*'
  printf "%-6s %8.1f %8.1f | %-46s | %s\n" "$i" "$start" "$(echo "$t1 - $t0" | bc)" \
    "$(count "$chunk" GET "$before") / $(count "$chunk" PUT "$before")" \
    "$(count "$meta" GET "$before") / $(count "$meta" PUT "$before"), $(count "$own" GET "$before") / $(count "$own" PUT "$before"), $(tail -n +"$before" "$work/s3proxy.log" | grep 'request: ' | grep -cE '\{GET@[^ ]* [^ ]*/zarr/?\?' || true)"
done
echo "one run's log: $work/append-1.log; the requests: $work/s3proxy.log"
