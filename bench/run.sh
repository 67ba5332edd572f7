#!/usr/bin/env bash
# Benchmark: an OISST-like archive (default 300 daily files at 720 x 1440, 621 MB) into
# Zarr on Spark local mode. Prints source MB/s (of the whole run, and of the pipeline alone as the
# run reports it) and the JVM's peak RSS; with --compressors, the
# speed and ratio of each compressor on the first 60 days; with --xarray, the same archive
# through xarray + dask to_zarr (Debian's packages) for comparison.
# --runs N repeats the measured runs and prints medians.
# With --rechunk, the same archive to time-series chunks (all of time, 90 x 180 tiles, through the
# shuffle) next to the map-chunk run, --runs times each (median); with --planner, plan time and
# driver heap for a synthetic pattern of 100,000 inputs. --data DIR reads an existing archive.
# With --codecs, encode/decode speed and ratio per compressor on real chunks (bench/CodecBench.java,
# no Spark); with --reads, per-file CPU time of opening and of reading inputs (bench/ReadBench.java).
# With --zarr3, Zarr v2 against Zarr v3 for the same chunks: map chunks without and with shards, and
# small chunks (time 1, 90 x 180) alone (v2) and in shards (v3), with the objects each store holds.
#   bench/run.sh [--days N] [--compressors] [--codecs] [--reads] [--xarray] [--rechunk] [--planner]
#                [--zarr3] [--runs N] [--data DIR] [--heap 1g]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=300 compressors=0 xarray=0 rechunk=0 planner=0 runs=1 heap=1g data="" codecs=0 reads=0 zarr3=0
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --compressors) compressors=1; shift ;;
    --xarray) xarray=1; shift ;;
    --codecs) codecs=1; shift ;;
    --reads) reads=1; shift ;;
    --heap) heap="$2"; shift 2 ;;
    --rechunk) rechunk=1; shift ;;
    --planner) planner=1; shift ;;
    --zarr3) zarr3=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
"$root/bin/setup"
(cd "$root" && mvn -q -B -DskipTests package)
if ((planner)); then
  app="$root/spark-app/target"
  java -Xmx1g -cp "$app/test-classes:$app/classes:$(cat "$app/classpath-runtime.txt")" \
    org.arcoforge.plan.PlannerScale 100000
  exit 0
fi
data="${data:-$bench/data/oisst}"
# shellcheck source=bench/common.sh
source "$bench/common.sh"
ensure_archive "$data" "$days"
mkdir -p "$bench/work"

# run_case NAME DAYS COMPRESSOR-YAML [CHUNKS-YAML [EXTRA-YAML]]: runs one recipe, prints one result line
run_case() {
  local name="$1" n="$2" comp="$3" chunks="${4:-{time: 10\}}" extra="${5:-}"
  local recipe="$bench/work/$name.yaml" store="$bench/work/$name.zarr"
  render_recipe "$data" "$n" "$comp" "$chunks" > "$recipe"
  [[ -n "$extra" ]] && printf '%s\n' "$extra" >> "$recipe"
  rm -rf "$store"
  local src_bytes; src_bytes=$(source_bytes "$data" "$n")
  local log="$bench/work/$name.log" t0 t1 peak=0 rss pid
  t0=$(date +%s.%N)
  ARCOFORGE_JAVA_OPTS="-Xmx$heap" "$root/bin/arcoforge" run "$recipe" --target "$store" --conf spark.ui.enabled=false \
    > "$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
      rss=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
      ((${rss:-0} > peak)) && peak=$rss
    done
    sleep 0.2
  done
  wait "$pid" || { echo "run $name failed:"; tail -20 "$log"; exit 1; }
  t1=$(date +%s.%N)
  local out_bytes; out_bytes=$(du -sb "$store" | cut -f1)
  # the run's own figure: from recipe start to the store finalized, without JVM and Spark start
  local inside; inside=$(sed -nE 's/^done: .*\(([0-9.]+) MB\/s of source data\)$/\1/p' "$log")
  awk -v n="$name" -v s="$src_bytes" -v o="$out_bytes" -v a="$t0" -v b="$t1" -v p="$peak" -v i="${inside:-0}" 'BEGIN {
    t = b - a; printf "%-14s %4d files  %7.1f MB source  %6.1f s  %6.1f MB/s  (pipeline %6.1f MB/s)  peak RSS %6.0f MB  store %7.1f MB (%.2fx of source)\n",
      n, '"$n"', s/1e6, t, s/1e6/t, i, p/1024, o/1e6, o/s }'
}

if ((codecs || reads)); then
  app="$root/spark-app/target"
  cp="$app/classes:$(cat "$app/classpath-runtime.txt"):$(cat "$app/classpath-provided.txt")"
  if ((codecs)); then
    echo "== codecs on real chunks (time: 10) of the sample archive"
    for v in sst anom ice; do java -Xmx1g -cp "$cp" "$bench/CodecBench.java" "$data" "$v" 10 2; done
  fi
  if ((reads)); then
    echo "== reading inputs (30 files): direct HDF5 chunk reader (libdeflate), the same with java.util.zip, netcdf-java's own path"
    java -Xmx1g -cp "$cp" "$bench/ReadBench.java" "$data" 30 3
    java -Xmx1g -Darcoforge.native=false -cp "$cp" "$bench/ReadBench.java" "$data" 30 3
    java -Xmx1g -Darcoforge.hdf5.direct=false -cp "$cp" "$bench/ReadBench.java" "$data" 30 3
  fi
  exit 0
fi
# median NAME FILE: median MB/s and peak RSS of the result lines of case NAME in FILE
median() {
  local mbs rss c
  local mbs inside rss c
  mbs=$(grep "^$1 " "$2" | sed -E 's/.* s +([0-9.]+) MB\/s .*/\1/' | sort -n)
  inside=$(grep "^$1 " "$2" | sed -E 's/.*\(pipeline +([0-9.]+) MB\/s\).*/\1/' | sort -n)
  rss=$(grep "^$1 " "$2" | sed -E 's/.*peak RSS +([0-9]+) MB.*/\1/' | sort -n)
  c=$(wc -l <<< "$mbs")
  printf 'median of %d  %-12s %6s MB/s  (pipeline %6s MB/s)  peak RSS %6s MB\n' "$c" "$1" \
    "$(sed -n "$(((c + 1) / 2))p" <<< "$mbs")" "$(sed -n "$(((c + 1) / 2))p" <<< "$inside")" \
    "$(sed -n "$(((c + 1) / 2))p" <<< "$rss")"
}

echo "== ARCO Forge, Spark local[*] on $(nproc) cores, JVM heap $heap (wall time includes JVM and Spark start)"
# The first run of a new build writes bin/arcoforge's class-data archive: not one to measure.
run_case "warm-up" 2 '{name: zstd, level: 1, shuffle: true}'
if ((rechunk)); then
  for _ in $(seq "$runs"); do
    run_case "map-chunks" "$days" '{name: zstd, level: 1, shuffle: true}'
    run_case "time-series" "$days" '{name: zstd, level: 1, shuffle: true}' "{time: $days, lat: 90, lon: 180}" \
      "max_task_memory: 128MB"
  done | tee "$bench/work/rechunk.txt"
  for n in map-chunks time-series; do
    median "$n" "$bench/work/rechunk.txt"
  done
  exit 0
fi
if ((zarr3)); then
  # shellcheck source=bench/zarr3.sh
  source "$bench/zarr3.sh"
  exit 0
fi
for _ in $(seq "$runs"); do
  run_case "default" "$days" '{name: zstd, level: 1, shuffle: true}'
done | tee "$bench/work/default.txt"
((runs == 1)) || median default "$bench/work/default.txt"
if ((compressors)); then
  n=$((days < 60 ? days : 60))
  echo "== compressors on the first $n days"
  run_case "none" "$n" '{name: none, level: 0, shuffle: false}'
  run_case "zlib1" "$n" '{name: zlib, level: 1, shuffle: false}'
  run_case "zlib1-shuffle" "$n" '{name: zlib, level: 1, shuffle: true}'
  run_case "zlib5-shuffle" "$n" '{name: zlib, level: 5, shuffle: true}'
  run_case "zstd1" "$n" '{name: zstd, level: 1, shuffle: false}'
  run_case "zstd1-shuffle" "$n" '{name: zstd, level: 1, shuffle: true}'
  run_case "zstd3-shuffle" "$n" '{name: zstd, level: 3, shuffle: true}'
  run_case "blosc-lz4" "$n" '{name: blosc-lz4, level: 5, shuffle: true}' || true
fi
if ((xarray)); then
  echo "== xarray + dask to_zarr (Debian packages) on the same $days files"
  /usr/bin/python3 "$bench/xarray_baseline.py" "$data" "$days" "$bench/work/xarray.zarr"
fi
