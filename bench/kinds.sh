#!/usr/bin/env bash
# Benchmark: the archive kinds of issue #12 beside the OISST one (bench/run.sh), each through
# ARCO Forge (the launcher's defaults, one recipe per kind) and through xarray open_mfdataset + dask
# to_zarr with 2 threads (bench/xarray_kinds.py) on the same files, in the same run, alternating:
#   nc3     NetCDF-3 classic, unlimited time, 28-31 steps per file, 12 monthly files, float32 and
#           packed int16 (~242 MB)
#   merge   two variables x 240 six-hourly NetCDF-4 files, target chunks straddling 16 files (~218 MB)
#   large   one 597 MB (decoded) variable in one NetCDF-4 file, HDF5 chunks (24, 90, 240) against
#           target chunks {time: 10}, max_task_memory 128MiB (~250 MB)
#   noleap  12 yearly noleap files, target chunks on all three dims (426 chunks, the all-NaN ones
#           a few kB), NaN fills (~88 MB)
# The page cache is dropped before every run where /proc/sys/vm/drop_caches is writable (root).
# Per kind: median of --runs of the whole-process wall-clock, of the pipeline alone (ARCO Forge's
# own `done:` figure; xarray's open-to-written time), CPU time (user + system, steadier than wall-clock
# on a loaded machine) and peak RSS (/usr/bin/time -v), with ratios
# (xarray / ARCO Forge: above 1 means ARCO Forge is faster), and a digest of each ARCO Forge store
# (sha256 over the sha256 of every file) to compare stores across builds.
# --scale N: N times the files (nc3, merge, noleap) or steps (large). --curve: peak RSS and time for
# 100, 1,000 and 10,000 one-step inputs (NetCDF-3, 45 x 90). Archives are generated once (seeded)
# under bench/data by bench/archives.py.
#   bench/kinds.sh [--kinds nc3,merge,large,noleap] [--runs 3] [--scale N] [--curve]
#                  [--no-xarray] [--heap 4g] [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
kinds="nc3,merge,large,noleap" runs=3 scale=1 curve=0 xarray=1 heap="" keep=0
while (($#)); do
  case "$1" in
    --kinds) kinds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --curve) curve=1; shift ;;
    --no-xarray) xarray=0; shift ;;
    --heap) heap="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
py=/usr/bin/python3
work="$bench/work/kinds"
mkdir -p "$work"
"$root/bin/setup"
(cd "$root" && mvn -q -B -o -DskipTests package)

drop=0
if sync && { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then drop=1; fi
drop_cache() { if ((drop)); then sync; echo 3 > /proc/sys/vm/drop_caches; fi; }

# archive KIND SCALE|INPUTS: the data folder of KIND, generated once
archive() {
  local dir="$bench/data/$1-x$2"
  [[ $1 == tiny ]] && dir="$bench/data/tiny-$2"
  if [[ ! -f "$dir/.done" ]]; then
    rm -rf "$dir"
    echo "generating $dir (once)..." >&2
    if [[ $1 == tiny ]]; then "$py" "$bench/archives.py" tiny "$dir" --inputs "$2" >&2
    else "$py" "$bench/archives.py" "$1" "$dir" --scale "$2" >&2; fi
  fi
  # the physical path: the recipe (and so its hash in the store's attributes) is the same from any
  # worktree whose bench/data links to the same archives, so store digests compare across builds
  (cd "$dir" && pwd -P)
}

# recipe KIND DIR SCALE|INPUTS: the ARCO Forge recipe of KIND over DIR, on stdout
recipe() {
  local k="$1" d="$2" n="$3"
  echo "name: bench-$k"
  case "$k" in
    nc3) cat <<YAML
file_pattern:
  template: "$d/clim_{time:yyyyMM}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: 2001-01-01, end: $((2000 + n))-12-01, step: P1M}}
file_type: netcdf3
target_chunks: {time: 30}
YAML
    ;;
    merge) cat <<YAML
file_pattern:
  template: "$d/{variable}_{time:yyyyMMddHH}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: "2000-01-01T00:00", end: "$(date -u -d "2000-01-01 00:00 UTC + $((6 * (240 * n - 1))) hours" +%FT%H:%M)", step: PT6H}}
    items_per_file: 1
  merge_dim:
    name: variable
    keys: [u, v]
file_type: netcdf4
target_chunks: {time: 16}
YAML
    ;;
    large) cat <<YAML
file_pattern:
  files: ["$d/large.nc"]
  concat_dim: {name: time}
file_type: netcdf4
target_chunks: {time: 10}
max_task_memory: 128MiB
YAML
    ;;
    noleap) cat <<YAML
file_pattern:
  template: "$d/sst_{time:yyyy}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: 2000-01-01, end: $((1999 + 12 * n))-01-01, step: P1Y}}
file_type: netcdf4
target_chunks: {time: 62, lat: 40, lon: 30}
YAML
    ;;
    tiny) cat <<YAML
file_pattern:
  template: "$d/tiny_{time:%05d}.nc"
  concat_dim:
    name: time
    keys: {range: {stop: $n}}
    items_per_file: 1
file_type: netcdf3
target_chunks: {time: 100}
YAML
    ;;
  esac
}

# measure TOOL KIND DIR STORE LOG: one run after dropping the page cache; prints
# "TOOL KIND wall-s pipeline-s peak-RSS-MB cpu-s" (cpu: user + system of the whole process tree)
measure() {
  local tool="$1" k="$2" d="$3" store="$4" log="$5" t0 t1 inside rss cpu
  rm -rf "$store"
  drop_cache
  t0=$(date +%s.%N)
  if [[ $tool == arco ]]; then
    ARCOFORGE_JAVA_OPTS="${heap:+-Xmx$heap}" /usr/bin/time -v -o "$log.time" \
      "$root/bin/arcoforge" run "$work/$k.yaml" --target "$store" > "$log" 2>&1 \
      || { echo "ARCO Forge failed on $k, see $log:" >&2; tail -5 "$log" >&2; exit 1; }
    inside=$(sed -nE 's/^done: .*, ([0-9.]+) s \([0-9.]+ MB\/s of source data\)$/\1/p' "$log")
  else
    /usr/bin/time -v -o "$log.time" "$py" "$bench/xarray_kinds.py" "$k" "$d" "$store" > "$log" 2>&1 \
      || { echo "xarray failed on $k, see $log:" >&2; tail -5 "$log" >&2; exit 1; }
    inside=$(sed -nE 's/^xarray .* compute ([0-9.]+) s$/\1/p' "$log")
  fi
  t1=$(date +%s.%N)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log.time")
  awk -v t="$tool" -v k="$k" -v a="$t0" -v b="$t1" -v i="${inside:-0}" -v r="$rss" -v c="$cpu" \
    'BEGIN { printf "%s %s %.2f %.2f %.0f %.2f\n", t, k, b - a, i, r / 1024, c }'
}

# digest STORE: one sha256 over the sha256 of every file of the store (run markers left out)
digest() { (cd "$1" && find . -type f ! -name '.arcoforge*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

# med FILE TOOL KIND FIELD: median of FIELD (3 wall, 4 pipeline, 5 RSS, 6 CPU) over the lines of TOOL KIND
med() { awk -v t="$2" -v k="$3" -v f="$4" '$1 == t && $2 == k {print $f}' "$1" | sort -n |
  awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]; else print 0}'; }

results="$work/results.txt"
: > "$results"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); page cache dropped before each run: $( ((drop)) && echo yes || echo "no (needs root)")"
echo "== warm-up (the first run of a build writes the launcher's class-data archive)"
warm=$(archive noleap 1)
recipe noleap "$warm" 1 > "$work/noleap.yaml"
measure arco noleap "$warm" "$work/warm-up.zarr" "$work/warm-up.log" > /dev/null

# one KIND N: runs KIND (scale or input count N) --runs times, ARCO Forge and xarray alternately
one() {
  local k="$1" n="$2" d r label="$1"
  [[ $k == tiny ]] && label="inputs-$n"
  d=$(archive "$k" "$n")
  recipe "$k" "$d" "$n" > "$work/$k.yaml"
  for r in $(seq "$runs"); do
    measure arco "$k" "$d" "$work/$k.zarr" "$work/$k-arco-$r.log" | sed "s/^arco $k /arco $label /"
    if ((xarray)); then
      measure xarray "$k" "$d" "$work/$k-xarray.zarr" "$work/$k-xarray-$r.log" | sed "s/^xarray $k /xarray $label /"
    fi
  done | tee -a "$results"
  printf '%s %s %s\n' "$label" "$(du -sb "$d" | cut -f1)" "$(digest "$work/$k.zarr")" >> "$work/sizes.txt"
  ((keep)) || rm -rf "$work/$k-xarray.zarr"
}

: > "$work/sizes.txt"
if ((curve)); then
  for n in 100 1000 10000; do one tiny "$n"; done
  labels="inputs-100 inputs-1000 inputs-10000"
else
  for k in ${kinds//,/ }; do one "$k" "$scale"; done
  labels="${kinds//,/ }"
fi

echo
echo "medians of $runs (scale $scale); ratio = xarray / ARCO Forge (above 1: ARCO Forge faster)"
printf '| %-12s | %8s | %9s | %9s | %6s | %9s | %9s | %6s | %s | %s | %s |\n' archive "source MB" "ARCO wall" \
  "xr wall" ratio "ARCO pipe" "xr comp" ratio "CPU s ARCO / xr" "peak RSS ARCO / xr MB" "store digest"
for k in $labels; do
  read -r _ bytes dig < <(grep "^$k " "$work/sizes.txt")
  aw=$(med "$results" arco "$k" 3) ap=$(med "$results" arco "$k" 4) ar=$(med "$results" arco "$k" 5)
  xw=$(med "$results" xarray "$k" 3) xp=$(med "$results" xarray "$k" 4) xr=$(med "$results" xarray "$k" 5)
  ac=$(med "$results" arco "$k" 6) xc=$(med "$results" xarray "$k" 6)
  awk -v k="$k" -v s="$bytes" -v aw="$aw" -v ap="$ap" -v ar="$ar" -v xw="$xw" -v xp="$xp" -v xr="$xr" -v d="$dig" \
    -v ac="$ac" -v xc="$xc" 'BEGIN {
    printf "| %-12s | %9.1f | %7.2f s | %7.2f s | %5.2fx | %7.2f s | %7.2f s | %5.2fx | %6.1f / %6.1f | %6.0f / %6.0f | %s |\n",
      k, s / 1e6, aw, xw, (aw > 0 ? xw / aw : 0), ap, xp, (ap > 0 ? xp / ap : 0), ac, xc, ar, xr, d }'
done
