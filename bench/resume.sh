#!/usr/bin/env bash
# Resume benchmark: the OISST-like archive (default 300 daily files at 720 x 1440, map chunks of
# 10 days), clean runs (--runs N, median), then a run killed with kill -9 of the driver JVM once
# about --at (default 80) % of its chunk tasks are recorded in the progress log, then the same
# command again. Prints the clean median, the resumed run's time, their ratio (wall clock,
# including JVM and Spark start, and the run's own total as its summary reports it), and whether
# the resumed store is byte-identical to the clean one (sha256 of every file).
# --keep-clean reuses the clean runs of the previous call (same --days).
#   bench/resume.sh [--days N] [--runs N] [--at PERCENT] [--data DIR] [--heap 1g] [--keep-clean]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
days=300 runs=3 at=80 heap=1g data="" keep=0
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --at) at="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --keep-clean) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(cd "$root" && mvn -q -B -DskipTests package)
data="${data:-$bench/data/oisst}"
# shellcheck source=bench/common.sh
source "$bench/common.sh"
ensure_archive "$data" "$days"
work="$bench/work/resume"
mkdir -p "$work"
recipe="$work/recipe.yaml"
render_recipe "$data" "$days" '{name: zstd, level: 1, shuffle: true}' '{time: 10}' > "$recipe"

# run STORE LOG: one run in the background; sets $pid (the driver JVM: bin/arcoforge execs java,
# except on a build's first run, when java is its child)
run() {
  ARCOFORGE_JAVA_OPTS="-Xmx$heap" "$root/bin/arcoforge" run "$recipe" --target "$1" \
    --conf spark.ui.enabled=false > "$2" 2>&1 &
  pid=$!
}
# timed STORE LOG: a whole run; prints its wall seconds
timed() {
  local t0 t1
  t0=$(date +%s.%N)
  run "$1" "$2"
  wait "$pid" || { echo "run into $1 failed:" >&2; tail -20 "$2" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
# inside LOG: the run's own total seconds (its summary line)
inside() {
  sed -nE 's/^done: .*, ([0-9.]+) s \([0-9.]+ MB\/s of source data\)$/\1/p' "$1"
}
# stage LOG NAME: the seconds of one stage from the run's summary
stage() {
  sed -nE "s/^  $2 +([0-9.]+) s$/\1/p" "$1"
}
# digests STORE: sha256 of every file, by relative path
digests() {
  (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum)
}
# records STORE: chunk tasks recorded in the progress log (not the inputs' metadata kept beside them)
records() {
  (find "$1/.arcoforge-progress" -type f \( -name 'task-*' -o -name 'reduce-*' \) 2>/dev/null || true) | wc -l
}
echo "== resume after kill -9 at ~$at% of the store stage: $days files, Spark local[*] on $(nproc) cores, heap $heap"
# the first run of a build writes bin/arcoforge's class-data archive: not one to measure
rm -rf "$work/warm.zarr"
timed "$work/warm.zarr" "$work/warm.log" > /dev/null
((keep)) && [[ -s "$work/clean.txt" && -f "$work/clean.zarr/.zmetadata" ]] || keep=0
((keep)) || : > "$work/clean.txt"
((keep)) && echo "clean runs of the previous call: $(tr '\n' ' ' < "$work/clean.txt")"
for i in $( ((keep)) || seq "$runs"); do
  rm -rf "$work/clean.zarr"
  wall=$(timed "$work/clean.zarr" "$work/clean-$i.log")
  printf '%s %s %s %s\n' "$wall" "$(inside "$work/clean-$i.log")" "$(stage "$work/clean-$i.log" "store chunks")" \
    "$(stage "$work/clean-$i.log" "read metadata")" >> "$work/clean.txt"
  printf 'clean run %d: %6.1f s wall, %6.1f s inside the run\n' "$i" "$wall" "$(inside "$work/clean-$i.log")"
done
runs=$(wc -l < "$work/clean.txt")
clean_wall=$(cut -d' ' -f1 "$work/clean.txt" | median_of)
clean_inside=$(cut -d' ' -f2 "$work/clean.txt" | median_of)
clean_store=$(cut -d' ' -f3 "$work/clean.txt" | median_of)
clean_md=$(cut -d' ' -f4 "$work/clean.txt" | median_of)
# chunk tasks of the plan, from the clean run's summary ("N chunks in T tasks")
tasks=$(sed -nE 's/^done: .* chunks in ([0-9]+) tasks.*/\1/p' "$work/clean-1.log")
want=$(((tasks * at + 99) / 100))

store="$work/resumed.zarr"
rm -rf "$store"
run "$store" "$work/killed.log"
java_pid=$pid
while kill -0 "$pid" 2>/dev/null; do
  child=$(pgrep -P "$pid" java || true)
  [[ -n "$child" ]] && java_pid=$child
  n=$(records "$store")
  ((n >= want)) && break
  sleep 0.02
done
kill -9 "$java_pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
recorded=$(records "$store")
[[ -f "$store/.zmetadata" ]] && { echo "the run finished before the kill: try a lower --at" >&2; exit 1; }
echo "killed (kill -9) with $recorded of $tasks chunk tasks recorded"
resumed_wall=$(timed "$store" "$work/resumed.log")
resumed_inside=$(inside "$work/resumed.log")
grep '^resume: ' "$work/resumed.log" || echo "(no resume line in $work/resumed.log)"
if diff <(digests "$work/clean.zarr") <(digests "$store") > "$work/diff.txt"; then
  identical="yes ($(digests "$store" | wc -l) files, sha256 equal)"
else
  identical="NO: see $work/diff.txt"
fi
[[ -d "$store/.arcoforge-progress" ]] && identical="$identical; progress log left behind"
awk -v cw="$clean_wall" -v ci="$clean_inside" -v rw="$resumed_wall" -v ri="$resumed_inside" -v n="$runs" \
  -v cs="$clean_store" -v rs="$(stage "$work/resumed.log" "store chunks")" \
  -v cm="$clean_md" -v rm="$(stage "$work/resumed.log" "read metadata")" 'BEGIN {
  printf "clean run (median of %d):  %6.1f s wall  %6.1f s inside the run  (read metadata %5.1f s, store chunks %5.1f s)\n", n, cw, ci, cm, cs
  printf "resumed run:               %6.1f s wall  %6.1f s inside the run  (read metadata %5.1f s, store chunks %5.1f s)\n", rw, ri, rm, rs
  printf "resumed / clean:           %6.0f %% wall   %6.0f %% inside the run  (store chunks %.0f %%)\n", 100 * rw / cw, 100 * ri / ci, 100 * rs / cs }'
echo "resumed store byte-identical to the clean one: $identical"
