#!/usr/bin/env bash
# Fault-injection matrix (issue 9): runs the real CLI against real faults on a small OISST-like
# archive and prints one row per fault: exit code, the error's first line, the store's state
# (complete = .zmetadata present) and whether the result equals the truth (a clean run's bytes
# after the same command is run again, or xarray's open_mfdataset for tampered packing).
#   bench/faults.sh [--days N]            (default 12 days at 180 x 360; about 5 min on 2 cores)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days=12
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
(cd "$root" && mvn -q -B -DskipTests package) || exit 1
py=/usr/bin/python3
work="$root/bench/work/faults"
rm -rf "$work"
mkdir -p "$work"
data="$work/data"
af() { ARCOFORGE_JAVA_OPTS="-Xmx1g" "$root/bin/arcoforge" "$@"; }
af sample oisst "$data" --start 1981-09-01 --days "$days" --nlat 180 --nlon 360 > /dev/null || exit 1
# a larger archive for the kills, so that they land mid-store
slow="$work/slow"
af sample oisst "$slow" --start 1981-09-01 --days 48 --nlat 360 --nlon 720 > /dev/null || exit 1
end=$(date -d "1981-09-01 + $((days - 1)) days" +%F)

# recipe NAME DIR [EXTRA-YAML]: a recipe over DIR's files, on stdout's path
recipe() {
  local f="$work/$1.yaml"
  cat > "$f" <<EOF
name: faults-$1
file_pattern:
  template: "$2/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: 1981-09-01, end: $end, step: P1D}}
target_chunks: {time: 1}
${3:-}
EOF
  echo "$f"
}
# tamper DIR DAY SED: copies the archive to DIR and edits day DAY's file through CDL
tamper() {
  mkdir -p "$1" && cp "$data"/*.nc "$1"/
  local f; f="$1/oisst-avhrr-v02r01.$(date -d "1981-09-01 + $2 days" +%Y%m%d).nc"
  ncdump "$f" | sed -e "$3" > "$f.cdl" && rm "$f" && ncgen -k nc4 -o "$f" "$f.cdl" && rm "$f.cdl"
}
digests() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum 2>/dev/null); }
state() {
  if [[ -f "$1/.zmetadata" ]]; then echo complete
  elif [[ -d "$1" ]]; then echo "incomplete"
  else echo absent; fi
}
same_as_clean() { [[ "$(digests "$1")" == "$(digests "$work/clean.zarr")" ]] && echo yes || echo NO; }
xarray_equal() {
  "$py" - "$1" "$2" <<'EOF' 2>/dev/null && echo "yes (xarray)" || echo "NO (xarray)"
import glob, sys, numpy as np, xarray as xr
src = xr.open_mfdataset(sorted(glob.glob(sys.argv[1] + "/*.nc")), combine="nested", concat_dim="time",
                        data_vars="minimal", coords="minimal", compat="override")
out = xr.open_zarr(sys.argv[2])
for v in src.data_vars:
    a, b = src[v].values, out[v].values
    assert a.shape == b.shape and np.allclose(a, b, equal_nan=True, rtol=0, atol=1e-6), v
EOF
}
# firstline LOG: the line that matters most: the error, else a note on resuming, else a warning
firstline() {
  local re
  for re in '^(error|interrupted)' '^(note|resume)' '^warning'; do
    grep -q -E "$re" "$1" && { grep -m1 -E "$re" "$1" | cut -c1-110; return; }
  done
}
rows=()
row() { rows+=("$(printf '%-38s | %5s | %-110s | %-22s | %s' "$@")"); }
# bg LOG ARGS...: a run in the background, $pid its process
bg() { local log="$1"; shift; af "$@" > "$log" 2>&1 & pid=$!; }
# wait_tasks STORE N: until N store tasks are recorded in the progress log (or 120 s)
wait_tasks() {
  for _ in $(seq 1200); do
    (($(find "$1/.arcoforge-progress" -name 'task-*' 2>/dev/null | wc -l) >= $2)) && return 0
    sleep 0.1
  done
  return 1
}
# java_of PID: the JVM of a bin/arcoforge process (the script execs java, except on a build's first
# run, when java is its child)
java_of() {
  local child
  child=$(pgrep -P "$1" java | head -1)
  echo "${child:-$1}"
}

clean=$(recipe clean "$data")
af run "$clean" --target "$work/clean.zarr" > "$work/clean.log" 2>&1
echo "clean run: exit $?, $(state "$work/clean.zarr")"

# 1. per-file packing: one input with scale_factor 0.02 (raw values halved: same decoded values)
tamper "$work/scale" 3 's/sst:scale_factor = 0.01f/sst:scale_factor = 0.02f/'
r=$(recipe scale "$work/scale")
af run "$r" --target "$work/scale.zarr" > "$work/scale.log" 2>&1; rc=$?
row "packing: scale_factor 0.02 in 1 file" "$rc" "$(firstline "$work/scale.log")" "$(state "$work/scale.zarr")" \
  "$(xarray_equal "$work/scale" "$work/scale.zarr")"

# 2. a non-concat coordinate shifted by 0.25 degrees in one input
tamper "$work/shift" 5 '/^ lat = /,/;/s/-89.5/-89.25/'
r=$(recipe shift "$work/shift")
af run "$r" --target "$work/shift.zarr" > "$work/shift.log" 2>&1; rc=$?
row "lat shifted in 1 file" "$rc" "$(firstline "$work/shift.log")" "$(state "$work/shift.zarr")" "refused"

# 3. two runs on one target at once
bg "$work/first.log" run "$clean" --target "$work/overlap.zarr" --master "local[1]"
first=$pid
for _ in $(seq 600); do [[ -f "$work/overlap.zarr/.arcoforge-lease" ]] && break; sleep 0.1; done
af run "$clean" --target "$work/overlap.zarr" > "$work/second.log" 2>&1; rc=$?
wait "$first"
row "second run on a busy target" "$rc" "$(firstline "$work/second.log")" "$(state "$work/overlap.zarr")" \
  "first: $(same_as_clean "$work/overlap.zarr")"

# 4. kill -9 of the driver JVM mid-store, then the same command (resume); 5. the same with SIGTERM
r=$(recipe slow "$slow")
sed -i "s/end: $end/end: 1981-10-18/" "$r"
af run "$r" --target "$work/slow-clean.zarr" > "$work/slow-clean.log" 2>&1
for sig in KILL TERM; do
  t="$work/$sig.zarr"
  bg "$work/$sig.log" run "$r" --target "$t" --master "local[1]"
  wait_tasks "$t" 16
  kill -"$sig" "$(java_of "$pid")"
  wait "$pid"; rc=$?
  st=$(state "$t")
  af run "$r" --target "$t" > "$work/$sig-again.log" 2>&1; rc2=$?
  what=$(firstline "$work/$sig.log")
  [[ $sig == KILL ]] && what=$(firstline "$work/$sig-again.log")
  row "$sig mid-store, then the same command" "$rc/$rc2" "$what" "$st -> $(state "$t")" \
    "$([[ "$(digests "$t")" == "$(digests "$work/slow-clean.zarr")" ]] && echo yes || echo NO)"
done

# 6. a full disk: a tmpfs with room for the chunks, metadata files and progress records (tmpfs
# counts whole pages per file) but not for .zmetadata, made large by a long history attribute
r=$(recipe full "$data" "set_attributes: {history: \"$(printf 'reprocessed; %.0s' $(seq 2000))\"}")
af run "$r" --target "$work/full-probe.zarr" > "$work/full-probe.log" 2>&1
pages=$(find "$work/full-probe.zarr" -type f ! -name .zmetadata -printf '%s\n' | awk '{n += int(($1 + 4095) / 4096)} END {print n}')
tasks=$(sed -nE 's/.* chunks in ([0-9]+) tasks.*/\1/p' "$work/full-probe.log")
mnt="$work/tmpfs"
mkdir -p "$mnt"
if mount -t tmpfs -o size=$(((pages + tasks + 3) * 4096)) tmpfs "$mnt" 2>/dev/null; then
  af run "$r" --target "$mnt/full.zarr" > "$work/full.log" 2>&1; rc=$?
  st=$(state "$mnt/full.zarr")
  mount -o remount,size=64m "$mnt"
  af run "$r" --target "$mnt/full.zarr" > "$work/full-again.log" 2>&1; rc2=$?
  same=$([[ "$(digests "$mnt/full.zarr")" == "$(digests "$work/full-probe.zarr")" ]] && echo yes || echo NO)
  umount "$mnt"
  row "disk full at .zmetadata, then room" "$rc/$rc2" "$(firstline "$work/full.log")" "$st" "$same"
else
  row "disk full at .zmetadata" "-" "skipped: cannot mount a tmpfs here (DiskFullTest covers it)" "-" "-"
fi

# 7. a dead HTTP host with default retries
r=$(recipe dead "http://127.0.0.1:9")
t0=$(date +%s)
af run "$r" --target "$work/dead.zarr" > "$work/dead.log" 2>&1; rc=$?
row "dead HTTP host ($(($(date +%s) - t0)) s)" "$rc" "$(firstline "$work/dead.log")" "$(state "$work/dead.zarr")" "refused"

# 8. a corrupt HDF5 header: an attribute's dataspace claims 2^31 values
mkdir -p "$work/corrupt" && cp "$data"/*.nc "$work/corrupt"/
"$py" - "$work/corrupt/oisst-avhrr-v02r01.19810903.nc" <<'EOF'
import struct, sys
# HDF5 attribute message v3 (version, flags, name size, datatype size, dataspace size, encoding,
# name, datatype, dataspace v2 (version, rank, flags, type, sizes)): valid_min's first size -> 2.1e9
path = sys.argv[1]
b = bytearray(open(path, "rb").read())
at = b.find(b"valid_min\0")
head = at - 9
assert at > 9 and b[head] == 3, "valid_min is not a version 3 attribute message"
name_size, type_size = struct.unpack_from("<HH", b, head + 2)
space = at + name_size + type_size
assert b[space] == 2 and b[space + 1] >= 1
struct.pack_into("<Q", b, space + 4, 2_100_000_000)
open(path, "wb").write(b)
EOF
r=$(recipe corrupt "$work/corrupt")
af run "$r" --target "$work/corrupt.zarr" > "$work/corrupt.log" 2>&1; rc=$?
row "corrupt HDF5 header" "$rc" "$(firstline "$work/corrupt.log")" "$(state "$work/corrupt.zarr")" \
  "$(grep -q OutOfMemoryError "$work/corrupt.log" && echo "NO (OOM shown)" || echo refused)"

# 9. absurd chunking
r=$(recipe tiny "$data" "target_chunk_size: 1")
sed -i '/^target_chunks/d' "$r"
af run "$r" --target "$work/tiny.zarr" > "$work/tiny.log" 2>&1; rc=$?
row "target_chunk_size: 1" "$rc" "$(firstline "$work/tiny.log")" "$(state "$work/tiny.zarr")" "refused"
r=$(recipe depth "$data")
sed -i 's/^target_chunks: {time: 1}/target_chunks: {time: 1, depth: 5}/' "$r"
af run "$r" --target "$work/depth.zarr" > "$work/depth.log" 2>&1; rc=$?
row "target_chunks: {depth: 5}" "$rc" "$(firstline "$work/depth.log")" "$(state "$work/depth.zarr")" "refused"

# 10. --prune beyond the keys
af run "$clean" --target "$work/prune.zarr" --prune $((days + 5)) > "$work/prune.log" 2>&1; rc=$?
row "--prune beyond the keys" "$rc" "$(firstline "$work/prune.log")" "$(state "$work/prune.zarr")" "refused"

# 11. --overwrite on a store folder holding a user's file
cp -r "$work/clean.zarr" "$work/foreign.zarr" && echo "my notes" > "$work/foreign.zarr/NOTES.txt"
other=$(recipe other "$data")
af run "$other" --target "$work/foreign.zarr" --overwrite > "$work/foreign.log" 2>&1; rc=$?
row "--overwrite, a foreign file inside" "$rc" "$(firstline "$work/foreign.log")" "$(state "$work/foreign.zarr")" \
  "$([[ -f "$work/foreign.zarr/NOTES.txt" ]] && echo "file kept" || echo "NO: file deleted")"

printf '\n%-38s | %5s | %-110s | %-22s | %s\n' fault exit "first line of the output" store "result"
printf '%s\n' "${rows[@]}"
