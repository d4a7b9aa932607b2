#!/usr/bin/env bash
# The end-to-end benchmark suite: times the release binary for every command
# with a performance target and writes BENCHMARKS.md (machine, commands, numbers).
#   scripts/benchmarks.sh [RUNS]        (default 31 runs per command)
# The calculator and chart micro-benchmarks: cargo bench
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-31}
out_dir=$(mktemp -d)
trap 'rm -rf "$out_dir"' EXIT

# name | target ms | target MiB (or -) | arguments
cases=(
  "shortfall|8|25|shortfall"
  "compare|12|-|compare"
  "burden|12|-|burden"
  "scenario run hague-2035|12|-|scenario run scenarios/hague-2035.toml"
  "outlook 10,000 draws|150|-|outlook --draws 10000"
  "outlook 1,000,000 draws|4000|200|outlook --draws 1000000"
  "chart shares|150|-|chart shares --output $out_dir/shares.png"
  "history (SIPRI, 5 series)|12|-|history Russia,China,Ukraine,us,europe-canada"
  "crosscheck|12|-|crosscheck"
  "chart long-run|60|-|chart long-run --output $out_dir/long-run.png"
  "report (3 scenarios; md, html, xlsx)|250|-|report --force --scenario hague-2035 --scenario three-percent --scenario wales-2pct --out $out_dir/brief"
)

# SIPRI's database is installed by each user from SIPRI's workbook (its terms
# forbid redistributing it): the SIPRI cases need the workbook beside the repository.
cargo build --release --quiet
export DEFSPEND_DATA_HOME="$out_dir/data-home"
sipri_workbook=../shared/sources/sipri/SIPRI-Milex-data-1949-2024_2.xlsx
if [[ -f $sipri_workbook ]]; then
  target/release/defspend import sipri-xlsx "$sipri_workbook" --edition sipri-2025 >/dev/null
fi

rows=()
for case in "${cases[@]}"; do
  IFS='|' read -r name target_ms target_mib args <<<"$case"
  if [[ ! -f $sipri_workbook && $name =~ history|crosscheck|long-run ]]; then
    echo "skipped: $name (no SIPRI workbook at $sipri_workbook)" >&2
    continue
  fi
  # shellcheck disable=SC2086
  result=$(scripts/bench-e2e.sh "$runs" -- $args | grep '^result:')
  median=$(sed -E 's/.*median_ms=([0-9.]+).*/\1/' <<<"$result")
  rss=$(sed -E 's/.*peak_rss_kib=([0-9na\/]+).*/\1/' <<<"$result")
  rss_mib=$(awk -v k="$rss" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k/1024; else print "n/a" }')
  verdict="measured"
  if [[ $target_ms != "-" ]]; then
    if awk -v m="$median" -v t="$target_ms" 'BEGIN { exit !(m <= t) }'; then verdict="met (≤ ${target_ms} ms)"; else verdict="MISSED (> ${target_ms} ms)"; fi
  fi
  if [[ $target_mib != "-" ]]; then
    if awk -v m="$rss_mib" -v t="$target_mib" 'BEGIN { exit !(m <= t) }'; then verdict="$verdict; memory met (≤ ${target_mib} MiB)"; else verdict="$verdict; memory MISSED"; fi
  fi
  shown_args=${args//$out_dir/\/tmp}
  rows+=("| \`defspend $shown_args\` | $median ms | $rss_mib MiB | $verdict |")
  echo "$name: $median ms, $rss_mib MiB, $verdict" >&2
done

# The criterion micro-benchmarks: name and the median estimate.
echo "cargo bench (criterion) ..." >&2
micro=$(cargo bench --bench calculator --bench charts 2>/dev/null | awk '
  function row(name, line,   parts, v) {
    split(line, parts, "[")
    split(parts[2], v, " ")
    printf "| %s | %s %s |\n", name, v[3], v[4]
  }
  /^[^ ].* time: / { name = $0; sub(/ +time:.*/, "", name); row(name, $0); next }
  /^ +time: / { row(pending, $0); next }
  /^[A-Za-z]/ && !/^(Benchmarking|Found|Performance|Change|No change|running|test result)/ { pending = $0 }
')

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
{
  echo "# Benchmarks"
  echo
  echo "End to end: the release binary from process start to exit, on the embedded data,"
  echo "$runs runs per command (after warm-up runs), the median (hyperfine without a shell"
  echo "where it is installed, else \`date\` around each run); peak resident memory is the"
  echo "largest of five runs (\`/usr/bin/time -f %M\`). Reproduce with \`scripts/benchmarks.sh\`;"
  echo "one command alone with \`scripts/bench-e2e.sh 31 -- shortfall\`."
  echo
  echo "Release binary: $(stat -c %s target/release/defspend | awk '{ printf "%.1f MiB", $1/1048576 }'), stripped, linked at a fixed address (\`build.rs\`)."
  echo
  echo "Machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo) memory;"
  echo "$(rustc --version); measured $(date -u +%Y-%m-%d)."
  echo
  echo "| command | median | peak memory | target |"
  echo "|---|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Micro-benchmarks (criterion, \`cargo bench\`; \`benches/calculator.rs\`, \`benches/charts.rs\`),"
  echo "median estimate per iteration, in-process (no process start):"
  echo
  echo "| benchmark | median |"
  echo "|---|---:|"
  echo "$micro"
} > BENCHMARKS.md
cat BENCHMARKS.md
