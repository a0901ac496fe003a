#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium and checks, as a reader would see it, that the
# summary table is present and every image loaded.  Usage: scripts/check-report.sh RUN_DIR
set -euo pipefail
dir="${1:?usage: scripts/check-report.sh RUN_DIR}"
page="$(cd "$dir" && pwd)/report.html"
[ -f "$page" ] || { echo "check-report: no report.html in $dir" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "check-report: no Chromium found (apt-get install chromium)" >&2; exit 3; }
dom="$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
  --virtual-time-budget=10000 --dump-dom "file://$page" 2>/dev/null)"
images="$(sed -n 's/.*data-images="\([0-9]*\)".*/\1/p' <<<"$dom" | head -1)"
broken="$(sed -n 's/.*data-broken-images="\([0-9]*\)".*/\1/p' <<<"$dom" | head -1)"
grep -q '<table id="summary"' <<<"$dom" || { echo "check-report: the summary table is missing" >&2; exit 1; }
[ -n "$images" ] || { echo "check-report: the page's image check did not run" >&2; exit 1; }
[ "$images" -gt 0 ] || { echo "check-report: the page shows no images" >&2; exit 1; }
[ "$broken" = "0" ] || { echo "check-report: $broken of $images images did not load" >&2; exit 1; }
echo "check-report: summary table present, all $images images loaded ($page)"
