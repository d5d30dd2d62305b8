#!/usr/bin/env bash
# Time dumping the seeded 5,000-comment thread from the local test WordPress, against curl
# fetching the very same comment pages with --parallel. Usage: benches/fetch_big.sh [runs]
# Starts the test WordPress if needed (tests/wp/server start); prints the median of each.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
tests/wp/server start >/dev/null
env_json=$(tests/wp/server env)
cargo build --release --quiet
bin=target/release/wpcomments

read -r link api post <<<"$(python3 -c '
import json,sys; m=json.load(open(sys.argv[1])); p=m["posts"]["big"]
print(p["link"], m["api"], p["id"])' "$env_json")"

fields="id,post,parent,author,author_name,author_url,date_gmt,content,link,status,type"
pages=$(curl -s -D - -o /dev/null "${api}wp/v2/comments?post=$post&per_page=100&page=1" |
  tr -d '\r' | awk -F': ' 'tolower($1)=="x-wp-totalpages"{print $2}')
urls=()
for ((p = 1; p <= pages; p++)); do
  urls+=(-o /dev/null "${api}wp/v2/comments?post=$post&per_page=100&page=$p&order=asc&orderby=date_gmt&_fields=$fields")
done

median() { # command… → median wall seconds of $runs runs
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]; t = []
for _ in range(runs):
    s = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); t.append(time.perf_counter() - s)
print(f"{statistics.median(t):.2f} s (min {min(t):.2f}, max {max(t):.2f})")
PY
}

echo "5,000-comment thread, $pages pages, median of $runs runs"
for c in 1 4 8; do
  printf 'wpcomments --dump --concurrency %s: %s\n' "$c" "$(median "$bin" --dump --concurrency "$c" "$link")"
done
for c in 1 4 8; do
  printf 'curl --parallel --parallel-immediate --parallel-max %s: %s\n' "$c" "$(median curl -s --compressed --parallel --parallel-immediate --parallel-max "$c" "${urls[@]}")"
done
