#!/usr/bin/env bash
# Builds the libdeflate JNI binding into OUT_DIR/<os.arch>/ (run by Maven in process-classes).
# Needs gcc and libdeflate-dev (bin/setup installs them); without them it says so and builds
# nothing, and ARCO Forge inflates with java.util.zip instead.
#   build.sh OUT_DIR JAVA_HOME
set -euo pipefail
out="$1" jdk="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ "$(uname -s)" == Linux ]] || { echo "native inflate: not built (Linux only)"; exit 0; }
# Java's os.arch names
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64) arch=aarch64 ;;
  *) echo "native inflate: not built for $(uname -m)"; exit 0 ;;
esac
if ! command -v gcc >/dev/null 2>&1 || [[ ! -f /usr/include/libdeflate.h ]]; then
  echo "native inflate: not built (needs gcc and libdeflate-dev; bin/setup installs them); using java.util.zip"
  exit 0
fi
lib="$out/$arch/libarcoforge_deflate.so"
[[ "$lib" -nt "$here/deflate_jni.c" && "$lib" -nt "$here/build.sh" ]] && exit 0
mkdir -p "$out/$arch"
# libdeflate linked in statically, so the library needs nothing on a cluster node but glibc.
link=("$(gcc -print-file-name=libdeflate.a)")
[[ -f "${link[0]}" ]] || link=(-ldeflate)
gcc -O2 -shared -fPIC -Wall -Werror -I"$jdk/include" -I"$jdk/include/linux" \
  "$here/deflate_jni.c" "${link[@]}" -o "$lib.tmp"
mv "$lib.tmp" "$lib"
