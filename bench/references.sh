#!/usr/bin/env bash
# kind: reference's driver combine at kerchunk issue 182's scale (bench/ReferenceBench.java):
# 10,000 synthetic inputs x 4 variables x 48 chunks = 1.92 million references through Planner.plan,
# ReferenceCombiner.combine and KerchunkJson.write. Needs 60 s or less and a peak RSS under 2 GB.
# Usage: bench/references.sh [INPUTS] [STEPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/spark-app/target"
if [[ ! -f "$app/classpath-runtime.txt" ]]; then
  (cd "$root" && mvn -q -o -pl spark-app -am package -DskipTests)
fi
cp="$app/classes:$(cat "$app/classpath-runtime.txt"):$(cat "$app/classpath-provided.txt")"
mkdir -p "$root/bench/work"
java -Xmx2g -cp "$cp" "$root/bench/ReferenceBench.java" "${1:-10000}" "${2:-48}" "$root/bench/work/references.json"
