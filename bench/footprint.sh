#!/usr/bin/env bash
# Issue 17's table in one run: bench/oneshot.sh (one-shot start-up against java -version, curl, check_http), then
# bench/sidecar.sh (10 probes every 30 s against blackbox_exporter idle and probing the same), then
# `bench/daemon.sh --pushgateway --blackbox 10000` (10,000 probes / 60 s with pushes and a 15 s scrape, against
# blackbox_exporter at the same rate). Each bench's full output goes to a log; this prints every `footprint:` line,
# Vigil beside its anchor with the ratio, and the machine's other CPU load during each bench, since a shared machine
# skews every figure. About 15 minutes.
#
# Usage: bench/footprint.sh [--keep DIR]        (build first: mvn -B -q package -DskipTests)
# Environment: what the benches read (JAVA_HOME, VIGIL_JAVA_OPTS, VIGIL_JAR, BENCH_*, SIDECAR_*, ...);
#   FOOTPRINT_RUNS (bench/oneshot.sh's runs per command; its own default when unset). Not a test: noise fails
#   nothing; it exits non-zero when a bench broke.
set -euo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d)
if [ "${1:-}" = --keep ]; then logs=$2; mkdir -p "$logs"; else trap 'rm -rf "$logs"' EXIT; fi

busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
status=0
run() { # NAME COMMAND…: runs one bench into NAME.log, then prints its footprint and other-load lines
  local name=$1 t0 b0 secs
  shift
  echo "== $name: $*"
  t0=$(date +%s%N) b0=$(busy_ticks)
  if ! "$@" >"$logs/$name.log" 2>&1; then
    echo "$name failed; the end of its output:" >&2
    tail -20 "$logs/$name.log" >&2
    status=1
  fi
  secs=$(awk -v t0="$t0" -v t1="$(date +%s%N)" 'BEGIN { printf "%.0f", (t1 - t0) / 1e9 }')
  grep -E '^footprint:' "$logs/$name.log" || echo "(no footprint: lines from $name)"
  if ! grep -E '^(other processes|runs: .*other CPU load)' "$logs/$name.log"; then
    grep -vE '^footprint:' "$logs/$name.log" | tail -n 20
  fi
  echo "machine: $(awk -v b="$(( $(busy_ticks) - b0 ))" -v hz="$(getconf CLK_TCK)" -v s="$secs" \
    'BEGIN { printf "%.0f %% of one core busy on average (all processes, the bench included)", b * 100 / hz / s }')" \
    "over ${secs} s, $(nproc) cores"
  echo
}

run oneshot bench/oneshot.sh ${FOOTPRINT_RUNS:+"$FOOTPRINT_RUNS"}
run sidecar bench/sidecar.sh
run daemon bench/daemon.sh --pushgateway --blackbox 10000
[ "$status" = 0 ] || echo "footprint.sh: a bench failed; its log is in ${logs} (use --keep DIR to keep it)" >&2
exit "$status"
