#!/usr/bin/env bash
# Benchmark of the agent as a sidecar (issue 17): `vigil run` with 10 HTTPS probes every 30 s against a loopback target
# (nginx, else bench/TlsTarget.java; ECDSA P-256, verified), /metrics scraped every 15 s as a Prometheus would. After a
# warm-up (the first minute: start-up and JIT) it samples the agent's RSS every second for a window and prints its
# steady RSS (the median sample), its largest sample, its peak RSS since start (VmHWM) and its CPU as % of one core.
# The anchor, in the same run: Debian's prometheus-blackbox-exporter, its RSS idle (before any probe) and then its RSS
# and CPU while it probes the same target at the same rate (driven by curl, whose CPU is not counted), side by side.
# Ends with `footprint:` lines (bench/footprint.sh collects them) and the machine's other CPU load in the window.
#
# Usage: bench/sidecar.sh                  (build first: mvn -B -q package -DskipTests)
# Environment: SIDECAR_PROBES (default 10), SIDECAR_INTERVAL (s, default 30), SIDECAR_WARMUP (s, default 60),
#   SIDECAR_WINDOW (s, default 180), BENCH_TARGET (auto|nginx|java), whatever bin/vigil reads (JAVA_HOME,
#   VIGIL_JAVA_OPTS, VIGIL_JAR). Not a test: noise fails nothing; it exits non-zero only when something broke.
set -euo pipefail
cd "$(dirname "$0")/.."

probes=${SIDECAR_PROBES:-10}
interval=${SIDECAR_INTERVAL:-30}
warmup=${SIDECAR_WARMUP:-60}
window=${SIDECAR_WINDOW:-180}
source bench/lib.sh # java, need_jar, start_https_target, start_blackbox, cpu_ticks, status_kib, metric, calc, …
need_jar

work=$(mktemp -d)
source .ci/lib.sh   # started, stop_started, hold_ports, listen_port, alive, …
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

hold_ports "$work/ports" target_port bb_port || exit 1
started+=("$held_ports_pid")
start_https_target "$target_port"
target_url="https://localhost:$target_port/s/"
echo "target: $target_desc at ${target_url}<i>"
start_blackbox "$bb_port"
sleep 5   # idle means settled after start-up, not a synchronisation
bb_idle_kib=$(status_kib "$bb_pid" VmRSS)

{
  printf '{"defaults": {"interval": "%ss", "timeout": "10s", "tls": {"caFile": "%s"}},\n "probes": [\n' "$interval" "$work/ca.pem"
  for ((i = 1; i <= probes; i++)); do
    printf '  {"name": "s%d", "url": "%s%d"}%s\n' "$i" "$target_url" "$i" "$([ "$i" -lt "$probes" ] && echo ,)"
  done
  printf ']}\n'
} >"$work/probes.json"
log=$work/vigil.log
cmd=(bin/vigil run --config "$work/probes.json" --listen 127.0.0.1:0 --state-dir "$work/state")
"${cmd[@]}" >"$log" 2>&1 &
pid=$!   # bin/vigil execs java
started+=("$pid")
port=$(listen_port "$log" "$pid" 60) || { echo "sidecar.sh: the agent did not start; its log:" >&2; tail -20 "$log" >&2; exit 1; }

# One loop drives both for warm-up and window: every second an RSS sample; every 15 s a scrape of the agent; blackbox
# gets one probe every interval/probes seconds, as the agent's probes are spread over their interval.
bb_every_ms=$((interval * 1000 / probes))
curls=()
drive() { # SECONDS SAMPLES_FILE
  local end=$(( $(now_ms) + $1 * 1000 )) next_scrape=0 next_bb=0 next_tick now i=0
  next_tick=$(now_ms)
  while now=$(now_ms); ((now < end)); do
    alive "$pid" || { echo "sidecar.sh: the agent exited; its log:" >&2; tail -20 "$log" >&2; exit 1; }
    if ((now >= next_scrape)); then
      curl -sf --compressed --max-time 10 "http://127.0.0.1:$port/metrics" -o "$work/metrics" \
        || { echo "sidecar.sh: GET /metrics failed" >&2; exit 1; }
      next_scrape=$((now + 15000))
    fi
    if ((now >= next_bb)); then
      i=$((i % probes + 1))
      curl -sf --max-time 12 -o /dev/null \
        "http://127.0.0.1:$bb_port/probe?module=https_fresh&target=${target_url//:/%3A}$i" &
      curls+=($!)
      next_bb=$((now + bb_every_ms))
    fi
    [ -z "$2" ] || echo "$(status_kib "$pid" VmRSS) $(status_kib "$bb_pid" VmRSS)" >>"$2"
    next_tick=$((next_tick + 1000))
    now=$(now_ms)
    ((next_tick <= now)) || sleep "$(calc %.3f "($next_tick - $now) / 1000")"
  done
}

echo "warm-up: ${warmup} s"
drive "$warmup" ''
curl -sf --compressed --max-time 10 "http://127.0.0.1:$port/metrics" -o "$work/metrics"
thread_ticks "$pid" >"$work/threads0"
cpu0=$(cpu_ticks "$pid"); bcpu0=$(cpu_ticks "$bb_pid"); tcpu0=$(cpu_ticks "${target_pids[@]}"); busy0=$(machine_ticks)
runs0=$(metric "$work/metrics" vigil_probe_runs_total)
t0=$(now_ms)
echo "window: ${window} s"
drive "$window" "$work/rss"
wait "${curls[@]}" || true   # the last blackbox probes (curl's own deadline bounds them)
thread_ticks "$pid" >"$work/threads1"
cpu1=$(cpu_ticks "$pid"); bcpu1=$(cpu_ticks "$bb_pid"); tcpu1=$(cpu_ticks "${target_pids[@]}"); busy1=$(machine_ticks)
secs=$(calc %.3f "($(now_ms) - $t0) / 1000")
curl -sf --compressed --max-time 10 "http://127.0.0.1:$port/metrics" -o "$work/metrics"
runs1=$(metric "$work/metrics" vigil_probe_runs_total)
hwm=$(status_kib "$pid" VmHWM)
bb_hwm=$(status_kib "$bb_pid" VmHWM)

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
steady=$(cut -d' ' -f1 "$work/rss" | median)
largest=$(cut -d' ' -f1 "$work/rss" | sort -n | tail -1)
bb_steady=$(cut -d' ' -f2 "$work/rss" | median)
cpu_pct=$(calc %.3f "($cpu1 - $cpu0) * 100 / $clk_tck / $secs")
bb_pct=$(calc %.3f "($bcpu1 - $bcpu0) * 100 / $clk_tck / $secs")
other=$(calc %.1f "(($busy1 - $busy0) - ($cpu1 - $cpu0) - ($bcpu1 - $bcpu0) - ($tcpu1 - $tcpu0)) * 100 / $clk_tck / $secs")
mib() { calc %.1f "$1 / 1024"; }
ratio() { calc %.2f "$1 / ($2 > 0 ? $2 : 1e-9)"; }

echo
echo "=== vigil run as a sidecar: $probes probes every $interval s ==="
echo "command:             JAVA_HOME=${JAVA_HOME:-} VIGIL_JAVA_OPTS='${VIGIL_JAVA_OPTS:-}' ${cmd[*]}"
echo "probes completed:    $(calc %d "$runs1 - $runs0") in the ${secs} s window (expected $(calc %.0f "$probes * $secs / $interval"))"
echo "RSS:                 steady (median) $(mib "$steady") MiB, largest sample $(mib "$largest") MiB, peak since start" \
  "(VmHWM) $(mib "$hwm") MiB -> $(verdict "$steady <= 64 * 1024") steady <= 64 MiB, $(verdict "$hwm <= 80 * 1024") peak <= 80 MiB"
echo "CPU:                 $(calc %.3f "($cpu1 - $cpu0) / $clk_tck") s = $cpu_pct % of one core" \
  "-> $(verdict "$cpu_pct <= 0.5") <= 0.5 %"
echo "CPU by thread:       $(by_thread "$work/threads0" "$work/threads1" "$((cpu1 - cpu0))")"
echo "threads:             $(status_kib "$pid" Threads)"
echo "blackbox_exporter:   idle RSS $(mib "$bb_idle_kib") MiB; probing the same: RSS $(mib "$bb_steady") MiB (peak" \
  "$(mib "$bb_hwm")), CPU $bb_pct % of one core"
echo "other processes:     $other % of one core on average during the window ($(nproc) cores)"
echo "footprint: sidecar ($probes probes / ${interval} s), steady RSS: vigil $(mib "$steady") MiB | anchor blackbox_exporter idle" \
  "$(mib "$bb_idle_kib") MiB | ratio $(ratio "$steady" "$bb_idle_kib")"
echo "footprint: sidecar, peak RSS (VmHWM): vigil $(mib "$hwm") MiB | anchor blackbox_exporter probing the same" \
  "$(mib "$bb_hwm") MiB | ratio $(ratio "$hwm" "$bb_hwm")"
echo "footprint: sidecar, CPU after the first minute: vigil $cpu_pct % of a core | anchor blackbox_exporter probing the same" \
  "$bb_pct % | ratio $(ratio "$cpu_pct" "$bb_pct")"
