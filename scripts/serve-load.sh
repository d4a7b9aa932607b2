#!/usr/bin/env bash
# defspend serve under load (BENCHMARKS.md): a release build's server on
# loopback, wrk (https://github.com/wg/wrk; Debian's `wrk`) as the clients.
#   1. 50 clients for 30 s over every page, the outlook among them;
#   2. 40 clients over the other pages alone, 30 s;
#   3. the same 40 while 10 more ask only for the outlook at 100,000 draws:
#      the others' latency against (2) shows whether the outlook starves them;
#   4. as (1), but the outlook always at its defaults (a link many open: its
#      answer is kept after the first run).
# Resident memory (and its peak) before and after each, from /proc.
#
#   scripts/serve-load.sh [BINARY]      # default target/release/defspend
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/defspend}
PORT=${PORT:-8397}
URL=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { echo "serve-load: wrk is not installed" >&2; exit 1; }
"$BIN" serve --bind "127.0.0.1:$PORT" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "$URL/" && break; sleep 0.1; done
memory() {
    awk '/VmRSS|VmHWM/ { printf "%s %.1f MiB  ", $1, $2 / 1024 } END { print "" }' "/proc/$PID/status"
}
echo "memory at start: $(memory)"
echo "== 1. every page, the outlook among them: wrk -t2 -c50 -d30s --timeout 15s (a page has 10 s)"
OUTLOOK=seeds wrk -t2 -c50 -d30s --timeout 15s --latency -s scripts/load/pages.lua "$URL"
echo "memory: $(memory)"
echo "== 2. the other pages alone: wrk -t1 -c40 -d30s"
OUTLOOK=none wrk -t1 -c40 -d30s --latency -s scripts/load/pages.lua "$URL"
echo "memory: $(memory)"
echo "== 3. the same, while 10 clients ask for the outlook at 100,000 draws"
wrk -t1 -c10 -d35s --timeout 60s --latency -s scripts/load/outlook.lua "$URL" > /tmp/serve-load-outlook.txt &
OUTLOOK=$!
sleep 2
OUTLOOK=none wrk -t1 -c40 -d30s --latency -s scripts/load/pages.lua "$URL"
wait $OUTLOOK
echo "-- the outlook's clients:"
cat /tmp/serve-load-outlook.txt
echo "memory: $(memory)"
echo "== 4. every page, the outlook at its defaults: wrk -t2 -c50 -d30s --timeout 15s"
OUTLOOK=link wrk -t2 -c50 -d30s --timeout 15s --latency -s scripts/load/pages.lua "$URL"
echo "memory: $(memory)"
