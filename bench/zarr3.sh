# shellcheck shell=bash
# shellcheck disable=SC2154  # days, runs and bench are set by bench/run.sh, which sources this file
# Zarr v2 against Zarr v3 for the same chunks (bench/run.sh --zarr3): each case prints run_case's line
# and the number of objects (files) in its store. The small-chunk shards name lat and lon too: a
# shard of a whole 720 x 1440 field over 30 days would not fit a third of the default max_task_memory.
zstd='{name: zstd, level: 1, shuffle: true}'
small='{time: 1, lat: 90, lon: 180}'
objects() {
  printf '%-14s objects %7d\n' "$1" "$(find "$bench/work/$1.zarr" -type f | wc -l)"
}
for _ in $(seq "$runs"); do
  run_case "v2-map" "$days" "$zstd" && objects v2-map
  run_case "v3-map" "$days" "$zstd" '{time: 10}' 'zarr_format: 3' && objects v3-map
  run_case "v3-map-shards" "$days" "$zstd" '{time: 10}' $'zarr_format: 3\nshards: {time: 30}' && objects v3-map-shards
  run_case "v2-small" "$days" "$zstd" "$small" && objects v2-small
  run_case "v3-small-shards" "$days" "$zstd" "$small" $'zarr_format: 3\nshards: {time: 30, lat: 360, lon: 720}' \
    && objects v3-small-shards
done | tee "$bench/work/zarr3.txt"
if ((runs > 1)); then
  for n in v2-map v3-map v3-map-shards v2-small v3-small-shards; do
    median "$n" "$bench/work/zarr3.txt"
  done
fi
