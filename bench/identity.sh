#!/usr/bin/env bash
# Byte-identity of stores across two builds: builds revisions A and B (git revs of this repository)
# in throw-away worktrees, writes the same stores with each from the sample archives (OISST-like
# NetCDF-4 daily files: direct map chunks with zstd, zlib and blosc, time-series chunks through the
# shuffle, preprocessing; NetCDF-3 monthly files; variables split across files by a merge_dim), and
# compares the sha256 of every file of every store. Prints a table; exits 1 if any store differs.
# Use it for every change that must not change stores (refactors, speed work).
#   bench/identity.sh REV_A REV_B [--days N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(($# >= 2)) || { echo "usage: bench/identity.sh REV_A REV_B [--days N]" >&2; exit 2; }
rev_a="$1" rev_b="$2"; shift 2
days=40
while (($#)); do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="$root/bench/work/identity"
mkdir -p "$work"
data="$work/data"

# build REV: a worktree of REV at $work/build-<sha>, packaged (once per sha)
build() {
  local sha dir
  sha=$(git -C "$root" rev-parse --short=12 "$1^{commit}")
  dir="$work/build-$sha"
  if [[ ! -f "$dir/.built" ]]; then
    rm -rf "$dir"
    git -C "$root" worktree add -q --detach "$dir" "$sha"
    # offline first (a warm repository); online where something is missing
    if ! (cd "$dir" && mvn -q -B -o -DskipTests package >/dev/null 2>&1); then
      (cd "$dir" && mvn -q -B -DskipTests package >/dev/null)
    fi
    touch "$dir/.built"
  fi
  echo "$dir"
}
dir_a=$(build "$rev_a")
dir_b=$(build "$rev_b")

if [[ ! -f "$data/.done-$days" ]]; then
  rm -rf "$data"
  "$dir_a/bin/arcoforge" sample oisst "$data/oisst" --start 1981-09-01 --days "$days" --nlat 720 --nlon 1440 >/dev/null
  "$dir_a/bin/arcoforge" sample netcdf3 "$data/nc3" --start-year 1990 --months 24 >/dev/null
  "$dir_a/bin/arcoforge" sample merge "$data/merge" --start 1981-09-01 --days 6 --nlat 90 --nlon 180 >/dev/null
  touch "$data/.done-$days"
fi
end=$(date -d "1981-09-01 + $((days - 1)) days" +%F)
oisst() { # NAME CHUNKS COMPRESSOR [EXTRA-YAML]
  cat <<YAML
name: identity-$1
file_pattern:
  template: "$data/oisst/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: 1981-09-01, end: $end, step: P1D}}
    items_per_file: 1
file_type: netcdf4
target_chunks: $2
compressor: $3
${4:-}
YAML
}
mkdir -p "$work/recipes"
oisst direct-zstd '{time: 10}' '{name: zstd, level: 1, shuffle: true}' > "$work/recipes/direct-zstd.yaml"
oisst direct-zlib '{time: 5, lat: 360}' '{name: zlib, level: 4}' > "$work/recipes/direct-zlib.yaml"
oisst direct-blosc '{time: 8}' '{name: blosc-lz4, level: 5, shuffle: true}' > "$work/recipes/direct-blosc.yaml"
oisst shuffle-timeseries "{time: $days, lat: 90, lon: 180}" '{name: zstd, level: 3}' > "$work/recipes/shuffle-timeseries.yaml"
oisst preprocess '{time: 6}' '{name: zstd, level: 1}' 'drop_variables: [err]
set_attributes: {title: "identity"}
preprocess:
  - rename_variables: {sst: sea_surface_temperature}' > "$work/recipes/preprocess.yaml"
cat > "$work/recipes/netcdf3.yaml" <<YAML
name: identity-netcdf3
file_pattern:
  template: "$data/nc3/tas_{time:yyyyMM}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: 1990-01-01, end: 1991-12-01, step: P1M}}
file_type: netcdf3
target_chunks: {time: 50}
YAML
cat > "$work/recipes/merge.yaml" <<YAML
name: identity-merge
file_pattern:
  template: "$data/merge/{variable}_{time:yyyyMMdd}.nc"
  concat_dim:
    name: time
    keys: {dates: {start: 1981-09-01, end: 1981-09-06, step: P1D}}
  merge_dim:
    name: variable
    keys: [sst, ice]
target_chunks: {time: 4, lon: 60}
YAML

digests() { (cd "$1" && find . -type f ! -name '.arcoforge*' -print0 | sort -z | xargs -0 sha256sum); }
printf '%-20s %8s %8s  %s\n' store files differ result
status=0
for r in "$work"/recipes/*.yaml; do
  name=$(basename "$r" .yaml)
  for side in a b; do
    d=$([[ $side == a ]] && echo "$dir_a" || echo "$dir_b")
    rm -rf "$work/$side/$name.zarr"
    mkdir -p "$work/$side"
    ARCOFORGE_JAVA_OPTS="-Xmx2g" "$d/bin/arcoforge" run "$r" --target "$work/$side/$name.zarr" \
      --conf spark.ui.enabled=false > "$work/$side/$name.log" 2>&1 \
      || { echo "$name: run with $side failed, see $work/$side/$name.log" >&2; status=1; continue 2; }
  done
  da=$(digests "$work/a/$name.zarr"); db=$(digests "$work/b/$name.zarr")
  n=$(wc -l <<< "$da")
  diff_n=$(diff <(echo "$da") <(echo "$db") | grep -c '^<' || true)
  if [[ "$da" == "$db" ]]; then res=identical; else res=DIFFERENT; status=1; fi
  printf '%-20s %8d %8d  %s\n' "$name" "$n" "$diff_n" "$res"
done
echo "A = $rev_a ($(git -C "$root" rev-parse --short "$rev_a")), B = $rev_b ($(git -C "$root" rev-parse --short "$rev_b"))"
exit $status
