#!/usr/bin/env bash
# Runs the quick start with the CPU build and with the CUDA build (-Pcuda, README "GPUs") and
# compares results.csv, curves.csv and summary.csv byte for byte. Without a GPU the CUDA build runs
# on the CPU, so the two must agree; where they differ, the largest absolute difference of each
# file's numeric columns is printed. The first run of the CUDA build downloads its libtorch jar
# (~2.5 GB) from Maven Central and unpacks ~3.8 GB into DJL's cache (~/.djl.ai).
# Usage: scripts/check-cuda-build.sh [OUT_DIR]   (default: target/check-cuda-build)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/target/check-cuda-build}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$here"
for build in cpu cuda; do
  rm -rf "${out:?}/$build"   # a run into an existing folder resumes instead of recomputing
  echo "check-cuda-build: quick start, $build build → $out/$build" >&2
  IGKIT_PROFILE="$build" ./igkit run experiments/quickstart.yaml --output "$out/$build" >"$out/$build.log" 2>&1 \
    || { echo "check-cuda-build: the $build build failed; see $out/$build.log" >&2; tail -n 5 "$out/$build.log" >&2; exit 2; }
done
versions() { grep -o '"\(djlVersion\|libtorchVersion\)" *: *"[^"]*"' "$1/provenance.json" | tr -d ' "' | paste -sd' ' -; }
echo "cpu:  $(versions "$out/cpu")"
echo "cuda: $(versions "$out/cuda")"
status=0
for f in results.csv curves.csv summary.csv; do
  if cmp -s "$out/cpu/$f" "$out/cuda/$f"; then
    echo "$f: byte-identical ($(wc -l <"$out/cpu/$f") lines)"
  else
    status=1
    # Same rows in the same order expected; the largest |difference| over every numeric field.
    paste -d'\n' "$out/cpu/$f" "$out/cuda/$f" | awk -F, -v f="$f" '
      NR % 2 == 1 { n = split($0, a, ","); next }
      { m = split($0, b, ",");
        if (m != n) { shape++; next }
        for (i = 1; i <= n; i++) if (a[i] ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/ && b[i] ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) {
          d = a[i] - b[i]; if (d < 0) d = -d; if (d > max) max = d } else if (a[i] != b[i]) text++ }
      END { printf "%s: DIFFERS: max |difference| of numeric fields %.3g; %d text fields and %d rows of other shape differ\n",
            f, max, text, shape }'
  fi
done
exit "$status"
