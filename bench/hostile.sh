#!/usr/bin/env bash
# Soak benchmark of issue 13 ("never die, never lie"): one agent (`bin/vigil run`) with 20 healthy probes and one probe
# of each hostile behaviour, for a fixed time, on loopback only. The targets are bench/HostileTargets.java, every
# listener on a port the kernel picked (port 0), with an ECDSA P-256 certificate for localhost and *.hostile.test:
#   healthy        10 HTTP and 10 HTTPS probes, interval 2 s, timeout 1 s; the target counts what it really receives
#   big-header     a header line of 10 MiB                                   (item 1; interval 1 s, timeout 1 s)
#   stall-00…59    1 MiB announced, 1 MiB - 100 bytes sent, then silence    (item 2: 60 probes, interval 5 s, timeout 4.5 s)
#   endless        an endless body (default maxBodySize); endless-8mib: the same with maxBodySize 8MiB (item 2)
#   slow-loris     a header one byte a second
#   tls-silent     TLS completes, then silence; tls-silent-pinned: the same on the pinned path, through a probe whose
#                  `dns.resolvers` answer 127.0.0.1                        (item 9)
#   reset          RST (SO_LINGER 0) after the ClientHello;  garbage-tls: text instead of a ServerHello
#   bad-chunked    a chunk size that is no number;  redirect-loop: /a → /b → /a
#   dns-flood      a resolver answering 4,000 A records (127.1.x.y, nothing listens)                        (item 4)
#   resolver-broken  the probe's two resolvers answer garbage and nothing; the system would resolve the host (item 7)
#   echo-secret    a 500 echoing the request's headers; the probe sends a ${file:} and a ${ENV} secret      (item 8)
# Hostile probes run every 5 s with a 2 s timeout unless said otherwise. Half-way through, the config is rewritten to
# reference a FIFO (${file:fifo-key}, item 3): the reload must be rejected (vigil_config_last_reload_successful 0), and
# a valid config written next must still be applied (one probe more) within 20 s each. At the end, SIGTERM.
#
# It prints, after a warm-up: healthy runs the targets received vs the slots in the window (and the longest gap),
# scheduler lag p99/max and skipped runs (the agent's /metrics), peak RSS (VmHWM), the heap after a full GC
# (jcmd GC.run, then jstat) after the warm-up and at the end, each hostile probe's failure kinds and longest run
# against its timeout, whether a secret reached the log or /metrics, and whether the agent is alive. Then one verdict
# per target: healthy runs 100 % on schedule; heap after GC flat; agent alive; every hostile probe ends by its
# deadline (its timeout plus GRACE) with an expected kind; no secret shown; the FIFO rejected and the next config
# applied; SIGTERM ends the agent within 5 s (exit 143).
#
# Usage: bench/hostile.sh [--ci] [--duration SECONDS]     (build first: mvn -B -q package -DskipTests)
#   default 1800 s (30 minutes) and a 60 s warm-up; --ci: 180 s, a 30 s warm-up, and exit 1 when a target is missed
#   (by hand it reports only, and exits non-zero only when the harness itself broke).
# Environment: JAVA_HOME (a JDK 21+ with jcmd and jstat: the agent runs on it too), VIGIL_JAVA_OPTS, VIGIL_JAR,
# HOSTILE_KEEP=1 keeps the work folder (logs, scrapes), HOSTILE_STALLS (default 60) sets the number of stall probes.
# Needs openssl, curl and awk; every port is one the kernel picked (the targets' and the agent's port 0).
set -euo pipefail
cd "$(dirname "$0")/.."

ci=false
duration=1800
warmup=60
while [ $# -gt 0 ]; do
  case $1 in
    --ci) ci=true duration=180 warmup=30 ;;
    --duration) duration=${2:?--duration needs seconds}; shift ;;
    *) echo "usage: bench/hostile.sh [--ci] [--duration SECONDS]" >&2; exit 2 ;;
  esac
  shift
done
[[ $duration =~ ^[0-9]+$ ]] && [ "$duration" -ge 20 ] || { echo "hostile.sh: --duration must be 20 s or more" >&2; exit 2; }
[ "$warmup" -lt "$((duration / 2))" ] || warmup=$((duration / 3))
# Heap after GC must stay within 5 % over 30 minutes. In --ci mode, 3 minutes on a shared 2-core machine: the heap
# after a full GC still holds whatever runs are in flight at that instant (up to 60 stalled bodies of almost 1 MiB,
# which the fixes bound but do not make zero) and young objects of the JIT's late compilations, so a few MiB either
# way is noise there; only a rise beyond 25 % fails CI. Both are printed.
heap_bound=5
! $ci || heap_bound=25
GRACE=1   # s past a probe's timeout that still counts as "by its deadline": the run's hard deadline is timeout + 0.5 s
HEALTHY_INTERVAL_MS=2000
stalls=${HOSTILE_STALLS:-60}
[[ $stalls =~ ^[0-9]+$ ]] || { echo "hostile.sh: HOSTILE_STALLS must be a number" >&2; exit 2; }
SCRAPE_EVERY=2

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jcmd=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
jstat=${JAVA_HOME:+$JAVA_HOME/bin/}jstat
[ -f "${VIGIL_JAR:-target/vigil.jar}" ] || { echo "hostile.sh: ${VIGIL_JAR:-target/vigil.jar} not found; build it first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-hostile.XXXXXX")
source .ci/lib.sh   # started (the PIDs this script started and has not stopped yet), stop_pid (SIGKILL after 5 s), …
cleanup() {
  stop_started
  if [ -n "${HOSTILE_KEEP:-}" ]; then echo "hostile.sh: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
die() { echo "hostile.sh: $*" >&2; exit 2; }

# --- the targets -------------------------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj /CN=hostile.test \
  -addext subjectAltName=DNS:localhost,DNS:*.hostile.test,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/ca.pem" \
  2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/ca.pem" -passout pass:hostile -out "$work/target.p12"
"$java" bench/HostileTargets.java "$work/target.p12" hostile >"$work/targets.out" 2>&1 &
targets_pid=$!
started+=("$targets_pid")
status=0
wait_log "$work/targets.out" '^ready$' 90 "$targets_pid" || status=$?   # it compiles itself first
case $status in
  0) ;;
  2) die "HostileTargets exited: $(cat "$work/targets.out")" ;;
  *) die "HostileTargets not ready within 90 s: $(cat "$work/targets.out")" ;;
esac
declare -A at
while read -r name value; do [ "$name" = ready ] || at[$name]=$value; done <"$work/targets.out"

# --- the config ----------------------------------------------------------------------------------------------------
secret_file=$(openssl rand -hex 16)
secret_env=$(openssl rand -hex 16)
printf '%s\n' "$secret_file" >"$work/api-key"
# name, URL, interval, timeout, expected kinds ("any" for any outcome), extra keys
probes=()
add() { probes+=("$1|$2|$3|$4|$5|${6:-}"); }
for i in $(seq 0 9); do
  add "healthy-http-$i" "${at[http]}/h/$i" 2s 1s none
  add "healthy-https-$i" "${at[https]}/h/$((i + 10))" 2s 1s none
done
add big-header "${at[big-header]}/" 1s 1s protocol
for ((i = 0; i < stalls; i++)); do add "stall-$(printf %02d "$i")" "${at[stall]}/s/$i" 5s 4500ms timeout; done
# The bytes of all runs' bodies share one budget (item 2); while the stall probes hold it, an endless body can wait for
# room until its deadline: a timeout, whose message names the budget. Without stall probes it must be too large.
endless_kinds=body_too_large
[ "$stalls" -eq 0 ] || endless_kinds=body_too_large,timeout
add endless "${at[endless]}/" 5s 2s "$endless_kinds"
add endless-8mib "${at[endless]}/8" 5s 2s "$endless_kinds" '"maxBodySize": "8MiB"'
add slow-loris "${at[slow-loris]}/" 5s 2s timeout
add tls-silent "${at[tls-silent]}/" 5s 2s timeout
add tls-silent-pinned "https://silent.hostile.test:${at[tls-silent]##*:}/" 5s 2s timeout \
  "\"dns\": {\"resolvers\": [\"${at[dns]}\"], \"authoritative\": false}"
add reset "https://127.0.0.1:${at[reset]##*:}/" 5s 2s protocol,tls_handshake
add garbage-tls "https://127.0.0.1:${at[garbage-tls]##*:}/" 5s 2s tls_handshake
add bad-chunked "${at[bad-chunked]}/" 5s 2s protocol
add redirect-loop "${at[redirect-loop]}/a" 5s 2s redirect
add dns-flood "http://flood.hostile.test:${at[http]##*:}/flood" 5s 3s any \
  "\"dns\": {\"resolvers\": [\"${at[dns]}\"], \"authoritative\": false}"
add resolver-broken "http://localhost:${at[http]##*:}/broken" 5s 2s dns \
  "\"dns\": {\"resolvers\": [\"${at[resolver-garbage]}\", \"${at[resolver-silent]}\"], \"authoritative\": false}"
add echo-secret "${at[echo]}/" 5s 2s http_status \
  '"headers": {"X-Api-Key": "${file:api-key}", "Authorization": "Bearer ${HOSTILE_TOKEN}"}'
write_config() { # [PROBE…]: the probes above and these (JSON objects) as probes.json, renamed into place
  local p name url interval timeout extra sep=''
  {
    printf '{\n  "defaults": {"tls": {"caFile": "ca.pem"}},\n  "probes": [\n'
    for p in "${probes[@]}"; do
      IFS='|' read -r name url interval timeout _ extra <<<"$p"
      printf '%s    {"name": "%s", "url": "%s", "interval": "%s", "timeout": "%s"%s}' "$sep" "$name" "$url" "$interval" \
        "$timeout" "${extra:+, $extra}"
      sep=$',\n'
    done
    for p; do printf ',\n    %s' "$p"; done
    printf '\n  ]\n}\n'
  } >"$work/probes.json.new"
  mv -f "$work/probes.json.new" "$work/probes.json"
}
write_config

# --- the agent -----------------------------------------------------------------------------------------------------
HOSTILE_TOKEN=$secret_env bin/vigil run --config "$work/probes.json" --listen 127.0.0.1:0 --state-dir "$work/state" \
  2>"$work/agent.log" >"$work/agent.out" &
agent=$!
started+=("$agent")
port=$(listen_port "$work/agent.log" "$agent" 60) || die "the agent did not start: $(tail -n 20 "$work/agent.log")"
start_ms=$(now_ms)
echo "hostile.sh: $(head -n 1 "$work/agent.log" | cut -c1-160)"
echo "hostile.sh: ${#probes[@]} probes, agent PID $agent on 127.0.0.1:$port, $duration s ($warmup s warm-up)," \
  "work folder $work"

peak_kib=0
alive=true
died_at=''
scrapes=$work/scrapes   # the series the report reads from every page, each page after a "# scrape EPOCH_S" line
secret_in_metrics=false
sample() { # one scrape and the agent's peak RSS; notes when it died
  local hwm
  if ! alive "$agent"; then
    if $alive; then
      alive=false died_at=$(( ($(now_ms) - start_ms) / 1000 ))
      echo "  the agent DIED after ${died_at} s: $(cat "$work/agent.out" "$work/agent.log" | grep -m 1 -iE \
        'OutOfMemory|Exception|Error' | cut -c1-200)"
    fi
    return 1
  fi
  hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$agent/status" 2>/dev/null) || hwm=0
  [ "${hwm:-0}" -le "$peak_kib" ] || peak_kib=$hwm
  local page t
  t=$(date +%s.%N)
  if page=$(curl -sf --max-time 5 "http://127.0.0.1:$port/metrics"); then
    ! grep -qF -e "$secret_file" -e "$secret_env" <<<"$page" || secret_in_metrics=true
    { echo "# scrape $t"; grep -E '^(vigil_probe_failure_kind|probe_duration_seconds|vigil_probe_last_run_timestamp_seconds|vigil_scheduler_|vigil_probe_runs_total)' <<<"$page"; } >>"$scrapes"
  else
    echo "# scrape failed" >>"$scrapes"
  fi
}
heap_after_gc() { # KiB of heap in use right after a full GC (serial: survivors, eden, old), or "n/a"
  # The least of three, 2 s apart: what a full GC keeps includes the bodies of the runs in flight at that instant.
  local kib least=''
  for _ in 1 2 3; do
    alive "$agent" || break
    timeout 30 "$jcmd" "$agent" GC.run >/dev/null 2>&1 || break
    kib=$(timeout 30 "$jstat" -gc "$agent" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
      NR == 2 { printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"] }') || break
    [ -z "$kib" ] || { [ -n "$least" ] && [ "$least" -le "$kib" ]; } || least=$kib
    sleep 2
  done
  echo "${least:-n/a}"
}
run_for() { # SECONDS: scrapes every SCRAPE_EVERY s until then, with a progress line each minute
  local end=$(( $(now_ms) + $1 * 1000 )) next_line=$(( $(now_ms) + 60000 ))
  while [ "$(now_ms)" -lt "$end" ]; do
    sample || return 0
    if [ "$(now_ms)" -ge "$next_line" ]; then
      next_line=$((next_line + 60000))
      echo "  $(( ($(now_ms) - start_ms) / 1000 )) s: alive, RSS $(awk '$1 == "VmRSS:" { printf "%d", $2 / 1024 }' \
        "/proc/$agent/status") MiB (peak $((peak_kib / 1024))), $(awk '$1 == "vigil_probe_runs_total" { r = $2 }
        END { printf "%d", r }' "$scrapes") runs"
    fi
    sleep "$SCRAPE_EVERY"
  done
}

run_for "$warmup"
heap0=$(heap_after_gc)
window_start_ms=$(now_ms)
window_start_s=$((window_start_ms / 1000))
if ! $alive; then   # dead before the window: the runs there were, from the end of the first interval on
  window_start_s=0 window_start_ms=$((start_ms + HEALTHY_INTERVAL_MS))
fi
# Item 3, half-way through the window: a reload whose config references a FIFO must be rejected (not hang the
# thread that reads configs), and a valid config written after it must still be applied.
metric_now() { # NAME: its value on the agent's /metrics now, or "n/a"
  curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" | awk -v n="$1" '$1 == n { v = $2 } END { print (v == "" ? "n/a" : v) }'
}
wait_metric() { # SECONDS NAME VALUE: scrapes on until NAME is VALUE (numerically); 1 when it is not by then
  local end=$(( $(now_ms) + $1 * 1000 ))
  while [ "$(now_ms)" -lt "$end" ]; do
    awk -v a="$(metric_now "$2")" -v b="$3" 'BEGIN { exit !(a != "n/a" && a + 0 == b + 0) }' && return 0
    sample || return 1
    sleep "$SCRAPE_EVERY"
  done
  return 1
}
half=$(( (duration - warmup) / 2 ))
run_for "$half"
fifo_rejected=n/a fifo_then_applied=n/a
if $alive; then
  mkfifo "$work/fifo-key"
  write_config "{\"name\": \"fifo\", \"url\": \"${at[http]}/fifo\", \"interval\": \"5s\", \"timeout\": \"2s\", \"headers\": {\"X-Key\": \"\${file:fifo-key}\"}}"
  fifo_start=$(now_ms)
  if wait_metric 20 vigil_config_last_reload_successful 0; then fifo_rejected=true; else fifo_rejected=false; fi
  write_config "{\"name\": \"after-fifo\", \"url\": \"${at[http]}/after-fifo\", \"interval\": \"5s\", \"timeout\": \"2s\"}"
  if wait_metric 20 vigil_probes_configured $(( ${#probes[@]} + 1 )) \
    && wait_metric 5 vigil_config_last_reload_successful 1; then fifo_then_applied=true; else fifo_then_applied=false; fi
  echo "  $(( ($(now_ms) - start_ms) / 1000 )) s: config with a FIFO reference rejected: $fifo_rejected; the next valid" \
    "config applied: $fifo_then_applied ($(( ($(now_ms) - fifo_start) / 1000 )) s)"
fi
run_for $((duration - warmup - half))
window_ms=$(( $(now_ms) - window_start_ms ))
heap1=$(heap_after_gc)
seen=$(curl -sf --max-time 10 "${at[http]}/-/seen?since=$window_start_ms&interval=$HEALTHY_INTERVAL_MS") || seen=''
sample || true
[ "$peak_kib" -gt 0 ] || peak_kib=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$agent/status" 2>/dev/null || echo 0)
end_s=$(date +%s)

# --- the report ----------------------------------------------------------------------------------------------------
last_page() { # the last page that was served whole
  awk '/^# scrape failed/ { bad = 1; next }
    /^# scrape / { if (!bad && cur != "") page = cur; cur = ""; bad = 0; next }
    { cur = cur $0 "\n" }
    END { if (!bad && cur != "") page = cur; printf "%s", page }' "$scrapes"
}
last=$(last_page)
value() { # NAME [SELECTOR]: its value on the last page
  awk -v name="$1" -v sel="${2:-}" '(index($0, name "{") == 1 || index($0, name " ") == 1) && index($0, sel) { v = $NF }
    END { print (v == "" ? "n/a" : v) }' <<<"$last"
}
ms() { awk -v s="$1" 'BEGIN { if (s == "n/a") print s; else printf "%.1f ms", s * 1000 }'; }
missed=()
verdict() { # TARGET OK(true|false) TEXT
  if $2; then echo "VERDICT meets   $1: $3"; else echo "VERDICT MISSES  $1: $3"; missed+=("$1"); fi
}

echo
echo "=== bench/hostile.sh: $duration s, ${#probes[@]} probes (20 healthy), window ${window_ms} ms after a $warmup s warm-up ===" \
  "$($alive || [ "$window_start_s" != 0 ] || echo "(the agent died first: figures from its start)")"
# Healthy runs, as the targets saw them (the agent's own word is not the evidence).
read -r runs slots_missed max_gap < <(awk '$1 ~ /^\/h\// { runs += $2; missed += $3; if ($4 > gap) gap = $4 }
  END { printf "%d %d %d\n", runs, missed, gap }' <<<"$seen")
expected=$((runs + slots_missed))
echo "healthy runs:        $runs received by the targets of $expected slots in the window" \
  "(20 probes every $((HEALTHY_INTERVAL_MS / 1000)) s), $slots_missed missed; longest gap ${max_gap} ms"
healthy_down=$(awk -v from="$window_start_s" '/^# scrape / { inside = $3 >= from; next }
  inside && /^vigil_probe_failure_kind\{/ && /probe="healthy-/ && !/kind="none"/ && $NF + 0 == 1 { n++ } END { print n + 0 }' "$scrapes")
echo "healthy failures:    $healthy_down (probe, scrape) pairs of a healthy probe with a failure kind other than none" \
  "(in the window, or the whole run if the agent died before it)"
echo "scheduler lag:       p99 $(ms "$(value vigil_scheduler_lag_seconds 'quantile="0.99"')"), max" \
  "$(ms "$(value vigil_scheduler_lag_seconds_max)"); skipped runs $(value vigil_scheduler_skipped_runs_total);" \
  "runs $(value vigil_probe_runs_total)"
echo "peak RSS (VmHWM):    $((peak_kib / 1024)) MiB"
heap_change=n/a
if [ "$heap0" != n/a ] && [ "$heap1" != n/a ]; then
  heap_change=$(awk -v a="$heap0" -v b="$heap1" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }')
fi
echo "heap after full GC:  $( [ "$heap0" = n/a ] && echo n/a || echo "$((heap0 / 1024)) MiB") after the warm-up," \
  "$( [ "$heap1" = n/a ] && echo n/a || echo "$((heap1 / 1024)) MiB") at the end ($heap_change %)"
if $alive && alive "$agent"; then echo "agent:               alive"; else echo "agent:               DEAD after ${died_at:-?} s"; fi

# Every hostile probe: the kinds its runs ended with, its longest run, its last run's age, over every scrape.
# Kinds are those of the window (after the warm-up, whose cold JIT makes anything late; all runs if the agent died
# before it); the longest run is over all.
printf '%-19s %-23s %-40s %-18s %s\n' probe expected "kinds in the window (last)" "longest/timeout" "last run"
hostile_ok=true
bad_kinds=()
stall_missed=0
for p in "${probes[@]}"; do
  IFS='|' read -r name url interval timeout want _ <<<"$p"
  [[ $name == healthy-* ]] && continue
  to_s=$(awk -v t="$timeout" 'BEGIN { if (t ~ /ms$/) print substr(t, 1, length(t) - 2) / 1000; else print substr(t, 1, length(t) - 1) }')
  iv_s=${interval%s}
  read -r kinds lastkind longest lastrun < <(awk -v probe="probe=\"$name\"" -v from="$window_start_s" '
    /^# scrape / { inside = $3 >= from; next }
    inside && index($0, probe) && /^vigil_probe_failure_kind\{/ && $NF + 0 == 1 { match($0, /kind="[^"]*"/); k = substr($0, RSTART + 6, RLENGTH - 7); seen[k] = 1; last = k }
    index($0, probe) && /^probe_duration_seconds\{/ { if ($NF + 0 > longest) longest = $NF + 0 }
    index($0, probe) && /^vigil_probe_last_run_timestamp_seconds\{/ { lastrun = $NF + 0 }
    END { s = ""; for (k in seen) s = s (s == "" ? "" : ",") k; printf "%s %s %.3f %.0f\n", (s == "" ? "-" : s), (last == "" ? "-" : last), longest, lastrun }' "$scrapes")
  ok=true why='' age=n/a
  [ "$lastrun" = 0 ] || age=$(( end_s > ${lastrun%.*} ? end_s - ${lastrun%.*} : 0 ))
  if [ "$kinds" = - ]; then ok=false why="never ran"
  elif [ "$want" != any ]; then
    for k in ${kinds//,/ }; do [[ ",$want," == *",$k,"* ]] || { ok=false; why="${why:+$why; }kind $k"; }; done
  fi
  awk -v l="$longest" -v t="$to_s" -v g="$GRACE" 'BEGIN { exit !(l > t + g) }' && { ok=false; why="${why:+$why; }ran ${longest} s"; }
  # A run stuck past its deadline leaves the last start old: more than an interval, the timeout, the grace and a scrape.
  [ "$age" = n/a ] || [ "$age" -le $((iv_s + ${to_s%.*} + 1 + GRACE + SCRAPE_EVERY)) ] \
    || { ok=false; why="${why:+$why; }last run ${age} s ago"; }
  $ok || { hostile_ok=false; bad_kinds+=("$name (${why})"); }
  if [[ $name == stall-* ]]; then   # one line for the stall probes: the first, and how many others missed
    [ "$name" = stall-00 ] || { $ok || stall_missed=$((stall_missed + 1)); continue; }
  fi
  printf '%-19s %-23s %-40s %-18s %s\n' "$name" "$want" "$kinds ($lastkind)" "${longest} s / ${to_s} s" \
    "${age} s ago${why:+  <- $why}"
done
[ "$stalls" -le 1 ] || echo "stall-01…$(printf %02d $((stalls - 1))):     $stall_missed of $((stalls - 1)) missed (the first is above)"

leaks=()
if grep -qF -e "$secret_file" -e "$secret_env" "$work/agent.log" "$work/agent.out"; then leaks+=("the agent's log"); fi
! $secret_in_metrics || leaks+=("/metrics")
echo "secrets:             $( [ ${#leaks[@]} -eq 0 ] && echo "neither appears in the log or /metrics" || echo "SHOWN in ${leaks[*]}")"
echo

if $alive; then
  verdict "healthy runs on schedule" "$( [ "$expected" -gt 0 ] && [ "$slots_missed" -eq 0 ] && echo true || echo false)" \
    "$runs of $expected slots (100 % needed)"
else
  verdict "healthy runs on schedule" false "none after the agent died"
fi
verdict "heap after GC flat" "$(awk -v c="$heap_change" -v b="$heap_bound" 'BEGIN { print (c != "n/a" && c <= b) ? "true" : "false" }')" \
  "$heap_change % (within $heap_bound %$($ci && echo ", --ci; 5 % over 30 minutes"))"
verdict "agent alive" "$($alive && alive "$agent" && echo true || echo false)" "$($alive && echo alive || echo "died after ${died_at} s")"
verdict "hostile probes end by their deadline with an expected kind" "$hostile_ok" \
  "$( [ ${#bad_kinds[@]} -eq 0 ] && echo "all $(( ${#probes[@]} - 20 ))" || echo "missed by ${#bad_kinds[@]}: ${bad_kinds[*]}" | cut -c1-400)"
verdict "no secret shown" "$( [ ${#leaks[@]} -eq 0 ] && echo true || echo false)" "${leaks[*]:-none shown}"

verdict "a config naming a FIFO is rejected, the next one applied" \
  "$( [ "$fifo_rejected" = true ] && [ "$fifo_then_applied" = true ] && echo true || echo false)" \
  "rejected: $fifo_rejected, next applied: $fifo_then_applied"
if alive "$agent"; then
  t0=$(now_ms)
  stop_pid "$agent"   # SIGKILL after 5 s
  stop_ms=$(( $(now_ms) - t0 ))
  verdict "SIGTERM ends the agent within 5 s" "$( [ "$stopped_rc" = 143 ] && [ "$stop_ms" -le 5000 ] && echo true || echo false)" \
    "exit $stopped_rc after $stop_ms ms"
fi
if [ ${#missed[@]} -gt 0 ]; then
  echo "hostile.sh: ${#missed[@]} target(s) missed: ${missed[*]}"
  ! $ci || exit 1
else
  echo "hostile.sh: every target met"
fi
