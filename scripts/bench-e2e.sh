#!/usr/bin/env bash
# End-to-end timing of the release binary: process start to exit, several runs,
# the median and the peak resident memory. Usage:
#   scripts/bench-e2e.sh [RUNS] [-- defspend arguments]
# Default: 31 runs of `defspend shortfall` on the embedded data.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=31
if [[ $# -gt 0 && $1 != "--" ]]; then runs=$1; shift; fi
[[ $# -gt 0 && $1 == "--" ]] && shift
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(shortfall)

cargo build --release --quiet
bin=target/release/defspend
"$bin" "${args[@]}" >/dev/null # warm the page cache

times=()
if command -v hyperfine >/dev/null; then
  # No shell between runs (-N): process start to exit, as the user sees it.
  json=$(mktemp)
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" -- "$bin ${args[*]}" >/dev/null
  times=($(tr -d ' \n' <"$json" | sed -E 's/.*"times":\[([^]]*)\].*/\1/' | tr ',' '\n' |
    awk '{ printf "%d\n", $1 * 1000000 }'))
  rm -f "$json"
else
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" "${args[@]}" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
fi
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median_us=${sorted[$(( runs / 2 ))]}
min_us=${sorted[0]}
max_us=${sorted[$(( runs - 1 ))]}

peak_kb="n/a"
if [[ -x /usr/bin/time ]]; then
  peak_kb=0
  for _ in 1 2 3 4 5; do
    kb=$( { /usr/bin/time -f '%M' "$bin" "${args[@]}" >/dev/null; } 2>&1 | tail -n 1)
    (( kb > peak_kb )) && peak_kb=$kb
  done
fi

printf 'command: defspend %s\n' "${args[*]}"
printf 'result: median_ms=%s min_ms=%s max_ms=%s peak_rss_kib=%s\n' \
  "$(awk -v v="$median_us" 'BEGIN { printf "%.1f", v/1000 }')" \
  "$(awk -v v="$min_us" 'BEGIN { printf "%.1f", v/1000 }')" \
  "$(awk -v v="$max_us" 'BEGIN { printf "%.1f", v/1000 }')" "$peak_kb"
awk -v r="$runs" -v med="$median_us" -v lo="$min_us" -v hi="$max_us" -v kb="$peak_kb" \
  'BEGIN { printf "runs: %d  median: %.1f ms  min: %.1f ms  max: %.1f ms  peak RSS: %s KiB\n", r, med/1000, lo/1000, hi/1000, kb }'
