#!/usr/bin/env bash
# Time reading the seeded 5,000-comment thread from its HTML comment pages (the test WordPress
# with its REST API closed to anonymous readers, comment paging on: 50 top-level threads a page, 67 pages)
# against reading it over REST. Usage: benches/page_read_big.sh [runs] [concurrency]
# Starts the test WordPress if needed (tests/wp/server start); prints the median of each.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
concurrency=${2:-4}
tests/wp/server start >/dev/null
env_json=$(tests/wp/server env)
# WPCOMMENTS_BIN: a binary to time instead of a fresh release build.
bin=${WPCOMMENTS_BIN:-target/release/wpcomments}
[ -n "${WPCOMMENTS_BIN:-}" ] || cargo build --release --quiet

link_in() { # mode → the big post's permalink served in that mode ("" = the main test site)
  python3 -c '
import json,sys; m=json.load(open(sys.argv[1])); link=m["posts"]["big"]["link"]
mode=sys.argv[2]; print(link if not mode else m["modes"][mode] + link[len(m["url"]):])' "$env_json" "$1"
}

median() { # command… → median wall seconds of $runs runs
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]; t = []
for _ in range(runs):
    s = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); t.append(time.perf_counter() - s)
print(f"{statistics.median(t):.2f} s (min {min(t):.2f}, max {max(t):.2f})")
PY
}

echo "5,000-comment thread, --dump --concurrency $concurrency, median of $runs runs ($bin)"
# stock: over REST (pingbacks from the one 8 MB page); closed: that page alone; *_paged*: 67 pages.
for mode in ${MODES:-stock closed closed_paged closed_paged_block closed_paged_oldest}; do
  printf '%-20s %s\n' "$mode" "$(median "$bin" --dump --concurrency "$concurrency" "$(link_in "$mode")")"
done
