#!/usr/bin/env bash
# Benchmark: an OISST-like archive (default 300 daily files at 720 x 1440, about 0.5 GB) into
# Zarr on Spark local mode. Prints source MB/s and the JVM's peak RSS; with --compressors, the
# speed and ratio of each compressor on the first 60 days; with --xarray, the same archive
# through xarray + dask to_zarr (Debian's packages) for comparison; with --codecs, encode/decode
# speed and ratio per compressor on real chunks (bench/CodecBench.java, no Spark); with --reads,
# per-file CPU time of opening and of reading inputs (bench/ReadBench.java, no Spark).
#   bench/run.sh [--days N] [--compressors] [--codecs] [--reads] [--xarray] [--heap 1g]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=300 compressors=0 xarray=0 heap=1g codecs=0 reads=0
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --compressors) compressors=1; shift ;;
    --xarray) xarray=1; shift ;;
    --codecs) codecs=1; shift ;;
    --reads) reads=1; shift ;;
    --heap) heap="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
"$root/bin/setup"
(cd "$root" && mvn -q -B -DskipTests package)
data="$bench/data/oisst"
end=$(date -d "1981-09-01 + $((days - 1)) days" +%F)
last="$data/oisst-avhrr-v02r01.$(date -d "$end" +%Y%m%d).nc"
if [[ ! -f "$last" ]]; then
  echo "generating $days full-resolution daily files in $data (once)..."
  t0=$(date +%s)
  "$root/bin/arcoforge" sample oisst "$data" --start 1981-09-01 --days "$days" --nlat 720 --nlon 1440
  echo "generated in $(( $(date +%s) - t0 )) s"
fi
mkdir -p "$bench/work"

# run_case NAME DAYS COMPRESSOR-YAML: runs one recipe, prints one result line
run_case() {
  local name="$1" n="$2" comp="$3"
  local e; e=$(date -d "1981-09-01 + $((n - 1)) days" +%F)
  local recipe="$bench/work/$name.yaml" store="$bench/work/$name.zarr"
  sed -e "s/@DAYS@/$n/" -e "s/@END@/$e/" -e "s|@COMPRESSOR@|$comp|" "$bench/oisst.yaml.in" > "$recipe"
  sed -i "s|\"data/oisst/|\"$data/|" "$recipe"
  rm -rf "$store"
  local src_bytes=0 f
  for f in $(seq 0 $((n - 1))); do
    src_bytes=$((src_bytes + $(stat -c %s "$data/oisst-avhrr-v02r01.$(date -d "1981-09-01 + $f days" +%Y%m%d).nc")))
  done
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
  awk -v n="$name" -v s="$src_bytes" -v o="$out_bytes" -v a="$t0" -v b="$t1" -v p="$peak" 'BEGIN {
    t = b - a; printf "%-14s %4d files  %7.1f MB source  %6.1f s  %6.1f MB/s  peak RSS %6.0f MB  store %7.1f MB (%.2fx of source)\n",
      n, '"$n"', s/1e6, t, s/1e6/t, p/1024, o/1e6, o/s }'
}

if ((codecs || reads)); then
  app="$root/spark-app/target"
  cp="$app/classes:$(cat "$app/classpath-runtime.txt"):$(cat "$app/classpath-provided.txt")"
  if ((codecs)); then
    echo "== codecs on real chunks (time: 10) of the sample archive"
    for v in sst anom ice; do java -Xmx1g -cp "$cp" "$bench/CodecBench.java" "$data" "$v" 10 2; done
  fi
  if ((reads)); then
    echo "== reading inputs (30 files): direct HDF5 chunk reader, then netcdf-java's own path"
    java -Xmx1g -cp "$cp" "$bench/ReadBench.java" "$data" 30 3
    java -Xmx1g -Darcoforge.hdf5.direct=false -cp "$cp" "$bench/ReadBench.java" "$data" 30 3
  fi
  exit 0
fi
echo "== ARCO Forge, Spark local[*] on $(nproc) cores, JVM heap $heap (wall time includes JVM and Spark start)"
run_case "default" "$days" '{name: zstd, level: 1, shuffle: true}'
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
