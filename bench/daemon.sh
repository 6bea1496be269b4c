#!/usr/bin/env bash
# Benchmark of the long-running agent `vigil run` with N HTTPS probes, each on a 60 s interval, against a loopback
# target (nginx when installed, else bench/TlsTarget.java; ECDSA P-256 certificate with SAN DNS:localhost, verified).
# Every probe run is a fresh TCP connection and a full TLS handshake, so the expected rate is N/60 probes/s.
# After a warm-up it measures, over a fixed window: probes completed per second (vigil_probe_runs_total), CPU seconds
# per 1,000 probes (utime+stime of /proc/PID/stat), peak RSS (VmHWM), scheduler lag p50/p99/max and skipped runs (from
# the agent's /metrics at the end), probe_success 0 series, the target's own CPU, and how long SIGTERM takes. /metrics
# is scraped every 15 s with gzip, as a Prometheus would (its cost is part of the CPU measured), with a progress line
# each time.
# With --pushgateway the agent also pushes its page every 15 s to a real Pushgateway on loopback (Debian's
# prometheus-pushgateway), and the pushes, their failures and the Pushgateway's own CPU and RSS are reported.
# With --blackbox it then drives Debian's prometheus-blackbox-exporter (installed with apt-get when missing and root)
# at the same rate with bench/Driver.java, whose own CPU is not counted, and prints the CPU ratio Vigil/blackbox.
# Each size ends with `footprint:` lines (CPU per probe, peak RSS, lag p99, skipped runs) for bench/footprint.sh.
#
# Usage: bench/daemon.sh [--pushgateway] [--blackbox] [N…]          (default N: 1000 10000; build first: mvn -B -q package -DskipTests)
# Environment: BENCH_WARMUP (s, default 30), BENCH_WINDOW (s, default 120: two full intervals),
#   BENCH_CONCURRENCY (--concurrency, default 128), BENCH_SCRAPE_INTERVAL (s, default 15),
#   BENCH_TARGET (auto|nginx|java, default auto), BENCH_PUSH_COMPRESSION (gzip|none: the push's compression key),
#   BENCH_BB_WARMUP / BENCH_BB_WINDOW (s, defaults 10 / 60), whatever bin/vigil reads (JAVA_HOME, VIGIL_JAVA_OPTS,
#   VIGIL_JAR) and what the JVM's libc reads (MALLOC_ARENA_MAX). The machine's CPU used by other processes during the
#   window is printed too, since it skews every number. Not a test: noise fails nothing; it exits non-zero only when
#   something broke (the agent did not start, died, or served no metrics).
set -euo pipefail
cd "$(dirname "$0")/.."

blackbox=false
pushgateway=false
if [ "${1:-}" = --pushgateway ]; then pushgateway=true; shift; fi
if [ "${1:-}" = --blackbox ]; then blackbox=true; shift; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
warmup=${BENCH_WARMUP:-30}
window=${BENCH_WINDOW:-120}
concurrency=${BENCH_CONCURRENCY:-128}
scrape_every=${BENCH_SCRAPE_INTERVAL:-15}
bb_warmup=${BENCH_BB_WARMUP:-10}
bb_window=${BENCH_BB_WINDOW:-60}
source bench/lib.sh # java, need_jar, start_https_target, start_blackbox, cpu_ticks, status_kib, metric, calc, …
need_jar

work=$(mktemp -d)
source .ci/lib.sh   # started (the PIDs this script started and has not stopped yet), stop_pid, wait_port, …
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The target's, blackbox_exporter's and the Pushgateway's ports: picked by the kernel and held until the end, never
# guessed (issue 13, item 10); each server sets SO_REUSEADDR, so it can listen on its held port. The agent takes port 0.
hold_ports "$work/ports" target_port bb_port pg_port || exit 1
started+=("$held_ports_pid")
# --- the HTTPS target ---------------------------------------------------------------------------------------------
start_https_target "$target_port"
target_url="https://localhost:$target_port/p/"
echo "target: $target_desc at ${target_url}<i>, ECDSA P-256 certificate (SAN DNS:localhost)"

# --- blackbox_exporter (--blackbox) -------------------------------------------------------------------------------
if $blackbox; then start_blackbox "$bb_port"; fi

# --- a Pushgateway (--pushgateway) -------------------------------------------------------------------------------
if $pushgateway; then
  command -v prometheus-pushgateway >/dev/null \
    || { echo "daemon.sh: --pushgateway needs prometheus-pushgateway (apt-get install -y prometheus-pushgateway)" >&2; exit 2; }
  prometheus-pushgateway --web.listen-address="127.0.0.1:$pg_port" --persistence.file= --log.level=warn \
    >"$work/pushgateway.log" 2>&1 &
  pg_pid=$!
  started+=("$pg_pid")
  wait_listening "$pg_port" "$pg_pid" prometheus-pushgateway
  echo "pushgateway: $(prometheus-pushgateway --version 2>&1 | head -1) at 127.0.0.1:$pg_port, pushed to every 15 s"
fi

# --- one size ------------------------------------------------------------------------------------------------------
write_config() { # N FILE
  local i n=$1
  {
    printf '{"defaults": {"interval": "60s", "timeout": "10s", "tls": {"caFile": "%s"}},\n "probes": [\n' "$work/ca.pem"
    for ((i = 1; i < n; i++)); do printf '  {"name": "p%d", "url": "%s%d"},\n' "$i" "$target_url" "$i"; done
    printf '  {"name": "p%d", "url": "%s%d"}\n]' "$n" "$target_url" "$n"
    if $pushgateway; then
      printf ',\n "outputs": {"pushgateway": {"url": "http://127.0.0.1:%s", "job": "bench", "interval": "15s",' "$pg_port"
      printf ' "timeout": "10s"%s}}' "${BENCH_PUSH_COMPRESSION:+, \"compression\": \"$BENCH_PUSH_COMPRESSION\"}"
    fi
    printf '}\n'

  } >"$2"
}

alive_or_die() { # PID LOG
  alive "$1" && return 0
  echo "daemon.sh: vigil run exited early; last lines of its output:" >&2
  tail -20 "$2" >&2
  exit 1
}

scrape() { # PORT FILE LOG: gzip-encoded, as Prometheus asks; FILE.took gets the bytes sent and the seconds the GET took
  curl -sf --compressed --max-time 20 "http://127.0.0.1:$1/metrics" -o "$2" -w '%{size_download} %{time_total}\n' \
    >"$2.took" && return 0
  echo "daemon.sh: GET /metrics on 127.0.0.1:$1 failed; last lines of vigil's output:" >&2
  tail -20 "$3" >&2
  exit 1
}

watch() { # N PID PORT LOG PHASE SECONDS: wait, scraping /metrics as a Prometheus would, with a progress line each time
  local n=$1 pid=$2 port=$3 log=$4 phase=$5 t=0 start now before runs_before
  start=$(date +%s%N)
  while ((t < $6)); do
    t=$(($6 - t < scrape_every ? $6 : t + scrape_every))
    runs_before=$(metric "$work/metrics" vigil_probe_runs_total)
    before=$(date +%s%N)
    sleep "$(calc %.3f "($start + $t * 1e9 > $before ? ($start + $t * 1e9 - $before) / 1e9 : 0)")"   # to the deadline
    alive_or_die "$pid" "$log"
    scrape "$port" "$work/metrics" "$log"
    now=$(date +%s%N)
    echo "  N=$n $phase $t/$6 s:" \
      "$(calc %.1f "($(metric "$work/metrics" vigil_probe_runs_total) - $runs_before) * 1e9 / ($now - $before)") probes/s," \
      "in flight $(metric "$work/metrics" vigil_probes_in_flight)," \
      "lag p99 $(ms "$(metric "$work/metrics" vigil_scheduler_lag_seconds 'quantile="0.99"')")" \
      "max $(ms "$(metric "$work/metrics" vigil_scheduler_lag_seconds_max)")," \
      "RSS $(($(status_kib "$pid" VmRSS) / 1024)) MiB (peak $(($(status_kib "$pid" VmHWM) / 1024)))," \
      "$(status_kib "$pid" Threads) threads"
  done
}

bench_vigil() { # N; sets vigil_cpu_ms, vigil_hwm, vigil_p99, and vigil_skipped for the footprint lines
  local n=$1 config="$work/probes-$n.json" log="$work/vigil-$n.log" port pid ready_s t0
  write_config "$n" "$config"
  local cmd=(bin/vigil run --config "$config" --listen 127.0.0.1:0 --concurrency "$concurrency"
    --state-dir "$work/state-$n")
  local env_desc="JAVA_HOME=${JAVA_HOME:-} VIGIL_JAVA_OPTS='${VIGIL_JAVA_OPTS:-}' MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-}${VIGIL_JAR:+ VIGIL_JAR=$VIGIL_JAR}"
  t0=$(date +%s%N)
  "${cmd[@]}" >"$log" 2>&1 &
  pid=$!   # bin/vigil execs java, so this is the JVM's PID
  started+=("$pid")
  port=$(listen_port "$log" "$pid" 60) || { alive_or_die "$pid" "$log"; echo "daemon.sh: not ready after 60 s" >&2; exit 1; }
  ready_s=$(calc %.2f "($(date +%s%N) - $t0) / 1e9")

  scrape "$port" "$work/metrics" "$log"
  watch "$n" "$pid" "$port" "$log" warm-up "$warmup"
  local cpu0 tcpu0 busy0 lines0 runs0 cpu1 tcpu1 busy1 secs pcpu0=0 pcpu1=0
  if $pushgateway; then pcpu0=$(cpu_ticks "$pg_pid"); fi
  cp "$work/metrics" "$work/m0"
  thread_ticks "$pid" >"$work/threads0"
  cpu0=$(cpu_ticks "$pid"); tcpu0=$(cpu_ticks "${target_pids[@]}"); busy0=$(machine_ticks); lines0=$(( $(access_lines) + 1 ))
  t0=$(date +%s%N)
  watch "$n" "$pid" "$port" "$log" window "$window"
  cpu1=$(cpu_ticks "$pid"); tcpu1=$(cpu_ticks "${target_pids[@]}"); busy1=$(machine_ticks)
  if $pushgateway; then pcpu1=$(cpu_ticks "$pg_pid"); fi
  thread_ticks "$pid" >"$work/threads1"
  secs=$(calc %.3f "($(date +%s%N) - $t0) / 1e9")
  cp "$work/metrics" "$work/m1"
  runs0=$(metric "$work/m0" vigil_probe_runs_total)
  local runs1 hwm rss
  runs1=$(metric "$work/m1" vigil_probe_runs_total)
  hwm=$(status_kib "$pid" VmHWM); rss=$(status_kib "$pid" VmRSS)
  [ "$runs0" != n/a ] && [ "$runs1" != n/a ] || { echo "daemon.sh: no vigil_probe_runs_total in /metrics" >&2; exit 1; }

  local other probes cpu_s tcpu_s p50 p99 lmax skipped inflight series failing stop_s
  probes=$(calc %d "$runs1 - $runs0")
  [ "$probes" -gt 0 ] || { echo "daemon.sh: no probe completed in the window" >&2; exit 1; }
  cpu_s=$(calc %.3f "($cpu1 - $cpu0) / $clk_tck")
  tcpu_s=$(calc %.3f "($tcpu1 - $tcpu0) / $clk_tck")
  vigil_cpu_ms=$(calc %.3f "$cpu_s * 1000 / $probes")
  p50=$(metric "$work/m1" vigil_scheduler_lag_seconds 'quantile="0.5"')
  p99=$(metric "$work/m1" vigil_scheduler_lag_seconds 'quantile="0.99"')
  lmax=$(metric "$work/m1" vigil_scheduler_lag_seconds_max)
  skipped=$(metric "$work/m1" vigil_scheduler_skipped_runs_total)
  inflight=$(metric "$work/m1" vigil_probes_in_flight)
  series=$(grep -c '^probe_success{' "$work/m1" || true)
  failing=$(awk '/^probe_success\{/ && $NF + 0 == 0' "$work/m1" | wc -l)

  t0=$(date +%s%N)
  stop_pid "$pid"
  stop_s=$(calc %.2f "($(date +%s%N) - $t0) / 1e9")

  local rate expected
  rate=$(calc %.1f "$probes / $secs")
  expected=$(calc %.1f "$n / 60")
  echo
  echo "=== vigil run: N=$n probes, interval 60 s, concurrency $concurrency ==="
  echo "command:             $env_desc ${cmd[*]}"
  echo "ready after:         ${ready_s} s; warm-up ${warmup} s, then a ${secs} s window"
  echo "probes completed:    $probes = $rate/s (expected $expected/s)"
  echo "CPU (vigil):         ${cpu_s} s = $vigil_cpu_ms CPU-s per 1,000 probes (= CPU-ms per probe)" \
    "(avg $(calc %.1f "$cpu_s * 100 / $secs") % of one core; the target is blackbox_exporter's at this rate: --blackbox)"
  echo "CPU by thread:       $(by_thread "$work/threads0" "$work/threads1" "$((cpu1 - cpu0))")"
  echo "peak RSS (VmHWM):    $(calc %.1f "$hwm / 1024") MiB (VmRSS at end $(calc %.1f "$rss / 1024") MiB)" \
    "-> $(verdict "$hwm / 1024 <= 128") <= 128 MiB"
  echo "scheduler lag:       p50 $(ms "$p50"), p99 $(ms "$p99"), max $(ms "$lmax")" \
    "-> $( [ "$p99" = n/a ] && echo n/a || verdict "$p99 < 0.1") p99 < 100 ms"
  echo "/metrics:            $(calc %.1f "$(wc -c <"$work/m1") / 1048576") MiB, $(wc -l <"$work/m1") lines;" \
    "$(awk '{ printf "%.0f KiB gzip-encoded, GET took %.2f s", $1 / 1024, $2 }' "$work/metrics.took");" \
    "scraped every ${scrape_every} s"
  echo "skipped runs:        $skipped (since start)"
  echo "in flight at end:    $inflight"
  echo "probe_success 0:     $failing of $series series"
  echo "target CPU:          ${tcpu_s} s = $(calc %.3f "$tcpu_s * 1000 / $probes") CPU-ms per probe ($target_desc)"
  echo "target saw:          $(handshake_summary "$lines0")"
  other=$(calc %.1f "(($busy1 - $busy0) - ($cpu1 - $cpu0) - ($tcpu1 - $tcpu0) - ($pcpu1 - $pcpu0)) * 100 / $clk_tck / $secs")   # ticks: rough
  echo "other processes:     $other % of one core on average during the window ($(nproc) cores)$(awk \
    "BEGIN { if ($other > 20) print \" - a busy machine: CPU and lag numbers are pessimistic\" }")"
  if $pushgateway; then
    echo "pushes:              $(metric "$work/m1" vigil_push_failures_total) failed since start; last success" \
      "$(calc %.1f "$(date +%s) - $(metric "$work/m1" vigil_push_last_success_timestamp_seconds)") s before the end;" \
      "compression ${BENCH_PUSH_COMPRESSION:-default}; Pushgateway CPU $(calc %.3f "($pcpu1 - $pcpu0) / $clk_tck") s" \
      "in the window, RSS $(($(status_kib "$pg_pid" VmRSS) / 1024)) MiB"
  fi
  echo "SIGTERM to exit:     ${stop_s} s"
  vigil_hwm=$hwm vigil_p99=$p99 vigil_skipped=$skipped
}

bench_blackbox() { # N: the same rate through blackbox_exporter; sets bb_ms and bb_hwm
  local n=$1 rate out cpu0 tcpu0 busy0 cpu1 tcpu1 busy1 secs t0 ok failed driver_ms tcpu_s lines0
  local probe_url="http://127.0.0.1:$bb_port/probe?module=https_fresh"
  rate=$(calc %.4f "$n / 60")
  "$java" bench/Driver.java "$probe_url" "$target_url" "$n" "$rate" "$bb_warmup" >/dev/null
  cpu0=$(cpu_ticks "$bb_pid"); tcpu0=$(cpu_ticks "${target_pids[@]}"); busy0=$(machine_ticks)
  lines0=$(( $(access_lines) + 1 )); t0=$(date +%s%N)
  out=$("$java" bench/Driver.java "$probe_url" "$target_url" "$n" "$rate" "$bb_window")
  cpu1=$(cpu_ticks "$bb_pid"); tcpu1=$(cpu_ticks "${target_pids[@]}"); busy1=$(machine_ticks)
  secs=$(calc %.3f "($(date +%s%N) - $t0) / 1e9")
  ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$out")
  failed=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$out")
  driver_ms=$(sed -n 's/.* driver_cpu_ms=\([0-9]*\).*/\1/p' <<<"$out")
  [ "$ok" -gt 0 ] || { echo "daemon.sh: blackbox_exporter completed no probe ($out)" >&2; exit 1; }
  bb_ms=$(calc %.3f "($cpu1 - $cpu0) * 1000 / $clk_tck / $ok")
  tcpu_s=$(calc %.3f "($tcpu1 - $tcpu0) / $clk_tck")
  echo
  echo "=== blackbox_exporter at the same rate: N=$n, $(calc %.1f "$n / 60")/s for ${bb_window} s (after ${bb_warmup} s warm-up) ==="
  echo "driver:              java bench/Driver.java '$probe_url' '$target_url' $n $rate $bb_window -> $out"
  echo "CPU (blackbox):      $(calc %.3f "($cpu1 - $cpu0) / $clk_tck") s = $bb_ms CPU-ms per probe ($ok ok, $failed failed)"
  bb_hwm=$(status_kib "$bb_pid" VmHWM)
  echo "peak RSS (VmHWM):    $(calc %.1f "$bb_hwm / 1024") MiB (since it started)"
  echo "target CPU:          ${tcpu_s} s = $(calc %.3f "$tcpu_s * 1000 / $ok") CPU-ms per probe"
  echo "target saw:          $(handshake_summary "$lines0")"
  echo "machine CPU:         $(calc %.1f "($busy1 - $busy0) * 100 / $clk_tck / $secs") % of one core on average," \
    "all processes (the driver's own $(calc %.1f "$driver_ms / 1000") s included)"
  echo "ratio Vigil/blackbox CPU per probe: $(calc %.2f "$vigil_cpu_ms / $bb_ms")" \
    "-> $(verdict "$vigil_cpu_ms <= $bb_ms") <= 1.0"
}

footprint() { # N: the summary lines bench/footprint.sh collects, Vigil beside blackbox_exporter (or the target)
  local row="$1 probes / 60 s" bb_cpu=n/a bb_peak=n/a cpu_ratio=n/a rss_ratio=n/a
  $pushgateway && row="$row, pushes"
  if $blackbox; then
    bb_cpu="$bb_ms ms" bb_peak="$(calc %.1f "$bb_hwm / 1024") MiB"
    cpu_ratio=$(calc %.2f "$vigil_cpu_ms / $bb_ms") rss_ratio=$(calc %.2f "$vigil_hwm / $bb_hwm")
  fi
  echo
  echo "footprint: $row, CPU per probe: vigil $vigil_cpu_ms ms | anchor blackbox_exporter at the same rate $bb_cpu" \
    "| ratio $cpu_ratio"
  echo "footprint: $row, peak RSS (VmHWM): vigil $(calc %.1f "$vigil_hwm / 1024") MiB | anchor blackbox_exporter" \
    "$bb_peak | ratio $rss_ratio"
  echo "footprint: $row, scheduler lag p99: vigil $(ms "$vigil_p99") | anchor target 100 ms | ratio" \
    "$( [ "$vigil_p99" = n/a ] && echo n/a || calc %.2f "$vigil_p99 / 0.1")"
  echo "footprint: $row, skipped runs: vigil $vigil_skipped | anchor target 0 | ratio n/a"
}

for n in "${sizes[@]}"; do
  bench_vigil "$n"
  if $blackbox; then bench_blackbox "$n"; fi
  footprint "$n"
done
