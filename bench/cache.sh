#!/usr/bin/env bash
# Benchmark of the cache stage: an OISST-like archive served by the project's test HTTP server
# (org.arcoforge.testinfra.TestHttpServer, a separate JVM on 127.0.0.1) into the input cache, cold
# then warm, then the same recipe with the cache off (HTTP range reads). Prints cache-stage MB/s
# and requests per file, counted by the server.
#   bench/cache.sh [--days N] [--data DIR] [--connections N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=60 data="$bench/data/oisst" conns=4
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --connections) conns="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# -DskipTests still compiles the test classes, where the HTTP server lives
(cd "$root" && mvn -q -B -o -DskipTests package)
# shellcheck source=bench/common.sh
source "$bench/common.sh"
ensure_archive "$data" "$days"
work="$bench/work/cache"
rm -rf "$work" && mkdir -p "$work"
cp="$root/spark-app/target/test-classes:$root/spark-app/target/classes:$(cat "$root/spark-app/target/classpath-runtime.txt")"
java -Xmx256m -cp "$cp" org.arcoforge.testinfra.TestHttpServer "$data" > "$work/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s "$work/server.out" ]] && break; sleep 0.1; done
base=$(head -1 "$work/server.out")
src_bytes=$(source_bytes "$data" "$days")

# case NAME CACHE-YAML [run options...]: one run, one result line
run_case() {
  local name="$1" cache="$2"; shift 2
  local recipe="$work/$name.yaml"
  render_recipe "$base" "$days" "{name: zstd, level: 1, shuffle: true}" "{time: 10}" > "$recipe"
  printf 'source: {max_connections_per_host: %s}\ncache: %s\n' "$conns" "$cache" >> "$recipe"
  local before; before=$(curl -s "$base/_stats")
  local t0 t1; t0=$(date +%s.%N)
  ARCOFORGE_JAVA_OPTS="-Xmx1g" "$root/bin/arcoforge" run "$recipe" --target "$work/$name.zarr" --conf spark.ui.enabled=false \
    "$@" > "$work/$name.log" 2>&1 || { echo "run $name failed:"; tail -20 "$work/$name.log"; exit 1; }
  t1=$(date +%s.%N)
  local after; after=$(curl -s "$base/_stats")
  local gets heads body
  gets=$(( $(echo "$after" | awk '/^GET /{s+=$3} END{print s+0}') - $(echo "$before" | awk '/^GET /{s+=$3} END{print s+0}') ))
  heads=$(( $(echo "$after" | awk '/^HEAD /{s+=$3} END{print s+0}') - $(echo "$before" | awk '/^HEAD /{s+=$3} END{print s+0}') ))
  body=$(( $(echo "$after" | awk '/^body_bytes/{print $2}') - $(echo "$before" | awk '/^body_bytes/{print $2}') ))
  local stage; stage=$(awk '/^  cache inputs/{print $3}' "$work/$name.log")
  awk -v n="$name" -v s="$src_bytes" -v a="$t0" -v b="$t1" -v g="$gets" -v h="$heads" -v d="$body" -v c="${stage:-0}" \
      -v files="$days" -v m="$(echo "$after" | awk '/^max_concurrent/{print $2}')" 'BEGIN {
    printf "%-10s %7.1f MB source  run %6.1f s  cache stage %6.1f s (%6.1f MB/s)  %6.1f MB over HTTP  GET %5d HEAD %4d  (%.2f GET + %.2f HEAD per file)  max concurrent %d\n",
      n, s/1e6, b - a, c, (c > 0 ? d/1e6/c : 0), d/1e6, g, h, g/files, h/files, m }'
}

echo "== cache stage, $days files from $base, max_connections_per_host $conns, Spark local[*] on $(nproc) cores"
run_case cold "{root: \"$work/cache\"}"
run_case warm "{root: \"$work/cache\"}"
run_case nocache "false"
