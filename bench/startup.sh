#!/usr/bin/env bash
# Start-up benchmark (#12): a small run of the OISST-like archive (default 20 daily files), --runs
# times (median). Prints, from the launcher's start: when main() ran, when Spark was ready, the
# first task (the "process start to first task" figure) and the whole run; and the same files
# through xarray + dask (bench/xarray_baseline.py, Python start included) for comparison.
# The timeline comes from the run itself (JVM property arcoforge.timeline, see spark/Timeline.java).
#   bench/startup.sh [--days N] [--runs N] [--data DIR] [--heap 1g] [--no-xarray]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=20 runs=3 heap=1g data="" xarray=1
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --no-xarray) xarray=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(cd "$root" && mvn -q -B -DskipTests package)
data="${data:-$bench/data/oisst}"
# shellcheck source=bench/common.sh
source "$bench/common.sh"
ensure_archive "$data" "$days"
work="$bench/work/startup"
mkdir -p "$work"
recipe="$work/recipe.yaml"
render_recipe "$data" "$days" '{name: zstd, level: 1, shuffle: true}' '{time: 10}' > "$recipe"

# one LOG: a whole run with the timeline on; prints "WALL MAIN SPARK FIRST" seconds from its start
one() {
  local t0 t1 ms
  rm -rf "$work/store.zarr"
  t0=$(date +%s%3N)
  ARCOFORGE_JAVA_OPTS="-Xmx$heap -Darcoforge.timeline=true" "$root/bin/arcoforge" run "$recipe" \
    --target "$work/store.zarr" > "$1" 2>&1 || { echo "run failed:" >&2; tail -20 "$1" >&2; exit 1; }
  t1=$(date +%s%3N)
  at() { ms=$(sed -nE "s/^timeline: $1 ([0-9]+) .*/\\1/p" "$2" | head -1); echo "scale=3; (${ms:-$t0} - $t0) / 1000" | bc; }
  echo "$(echo "scale=3; ($t1 - $t0) / 1000" | bc) $(at main "$1") $(at spark-ready "$1") $(at first-task "$1")"
}
echo "== start-up: $days files, Spark local[*] on $(nproc) cores, heap $heap, load $(cut -d' ' -f1-3 /proc/loadavg)"
# the first run of a build writes bin/arcoforge's class-data archive: not one to measure
one "$work/warm.log" > /dev/null
: > "$work/runs.txt"
for i in $(seq "$runs"); do
  r=$(one "$work/run-$i.log")
  echo "$r" >> "$work/runs.txt"
  read -r w m s f <<< "$r"
  printf 'run %d: main() at %5.2f s, Spark ready at %5.2f s, first task at %5.2f s, whole run %5.2f s\n' \
    "$i" "$m" "$s" "$f" "$w"
done
col() { cut -d' ' -f"$1" "$work/runs.txt" | median_of; }
printf 'median of %d: main() at %.2f s, Spark ready at %.2f s, first task at %.2f s, whole run %.2f s\n' \
  "$runs" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 1)"
if ((xarray)); then
  : > "$work/xarray.txt"
  for _ in $(seq "$runs"); do
    t0=$(date +%s%3N)
    /usr/bin/python3 "$bench/xarray_baseline.py" "$data" "$days" "$work/xarray.zarr" > /dev/null
    t1=$(date +%s%3N)
    echo "scale=3; ($t1 - $t0) / 1000" | bc >> "$work/xarray.txt"
  done
  printf 'xarray + dask, whole process (Python start included), median of %d: %.2f s\n' "$runs" \
    "$(median_of < "$work/xarray.txt")"
fi
