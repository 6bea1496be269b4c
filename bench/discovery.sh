#!/usr/bin/env bash
# Benchmark of discovery at scale (issue 18): a fake Kubernetes API server (bench/FakeKubeApi.java, its own process on
# the full JDK) serves 1,000 Ingresses of 3 hosts each over HTTPS, listed in pages and watched as a real one streams
# them. `vigil run` with a discovery section finds the 3,000 probes at start; then the API makes 100 changes a second
# for a minute (a third each: add an Ingress, delete one, rename one of its hosts) and one last add. Measured: the time
# from launch until the 3,000 probes are applied, the time from the last change's event to its apply (both from the
# agent's log lines), the agent's CPU during the changes and its peak RSS (VmHWM), and at the end whether the probes
# the agent runs (its probe_success series, by name) are exactly the API's: none lost, none left over, none twice.
# Anchor, same run: the same agent with the 3,000 first probes written in a static config, for the same time: its
# time from launch to ready, its CPU over the same window and its peak RSS; and one lone change on the idle
# discovering agent, for the time to apply. The probes keep the bench about discovery: every host resolves (at a
# loopback DNS server, .ci/LoopbackTarget.java) to 127.0.0.1, whose port 80 is closed, so a run is a DNS answer and a
# refused connection.
#
# Usage: bench/discovery.sh                (build first: mvn -B -q package -DskipTests)
# Environment: BENCH_INGRESSES (1000), BENCH_HOSTS (hosts per Ingress, 3), BENCH_RATE (changes/s, 100),
#   BENCH_SECONDS (how long the changes last, 60; also the anchor's window), BENCH_INTERVAL (the probes' interval in seconds,
#   30s: every probe runs once in it, so the end's comparison waits that long), BENCH_SEED (the changes' random seed),
#   BENCH_KEEP (a folder to keep the logs, configs and name lists in), and what bin/vigil reads (JAVA_HOME, VIGIL_JAVA_OPTS, VIGIL_JAR). Not a test: noise fails nothing; it exits 1 when
#   something broke or a probe was lost or duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."

ingresses=${BENCH_INGRESSES:-1000}
hosts=${BENCH_HOSTS:-3}
rate=${BENCH_RATE:-100}
seconds=${BENCH_SECONDS:-60}
interval=${BENCH_INTERVAL:-30s}
seed=${BENCH_SEED:-18}
source bench/lib.sh # java, need_jar, cpu_ticks, status_kib, metric, calc, …
need_jar

work=${BENCH_KEEP:-$(mktemp -d)}
mkdir -p "$work"
source .ci/lib.sh   # started, stop_pid, wait_log, wait_until, listen_port, now_ms, …
cleanup() {
  stop_started
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() {
  echo "$me: $*" >&2
  exit 1
}

# --- the API server and the DNS server -----------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/api.key" -out "$work/api.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/api.key" -in "$work/api.pem" -passout pass:bench -out "$work/api.p12"
echo bench-token >"$work/token"
"$java" bench/FakeKubeApi.java "$work/api.p12" bench bench-token "$ingresses" "$hosts" "$work" "$seed" \
  >"$work/api.out" 2>&1 &
api_pid=$!
started+=("$api_pid")
# Its DNS server answers 127.0.0.1 for any name; its HTTPS side is not used here.
"$java" .ci/LoopbackTarget.java "$work/api.pem" "$work/api.key" "$work/api.pem" "$work/api.key" unused \
  >"$work/dns.out" 2>&1 &
started+=("$!")
wait_log "$work/api.out" '^port=' 60 "$api_pid" || fail "FakeKubeApi did not start: $(cat "$work/api.out")"
wait_log "$work/dns.out" '^https=' 60 || fail "LoopbackTarget did not start: $(cat "$work/dns.out")"
api_port=$(sed -n 's/^port=//p' "$work/api.out")
dns_port=$(sed -n 's/^https=[0-9]* dns=//p' "$work/dns.out")
initial=$(wc -l <"$work/initial.txt")
# A cold API server (its TLS and list code not yet compiled) is no cost of the agent's: warm it first.
for _ in 1 2 3 4 5; do
  curl -sf --cacert "$work/api.pem" -H 'Authorization: Bearer bench-token' \
    "https://127.0.0.1:$api_port/apis/networking.k8s.io/v1/namespaces/bench/ingresses?limit=500" >/dev/null \
    || fail "the API does not list"
done
echo "api: bench/FakeKubeApi.java on 127.0.0.1:$api_port, $ingresses Ingresses × $hosts hosts = $initial probes;" \
  "DNS at 127.0.0.1:$dns_port"

dns="\"dns\": {\"resolvers\": [\"127.0.0.1:$dns_port\"], \"authoritative\": false"
defaults="\"defaults\": {\"interval\": \"$interval\", \"timeout\": \"2s\"}"
cat >"$work/discovery.json" <<EOF
{
  $defaults,
  "discovery": {
    "apiUrl": "https://127.0.0.1:$api_port", "tokenFile": "token", "caFile": "api.pem",
    "sources": [{ "kind": "ingress", "namespaces": ["bench"], "template": { $dns } } }]
  }
}
EOF
# The anchor: the same probes as discovery makes them at start, written out ('/' is not allowed in a configured name).
awk -v dns="$dns" -v defaults="$defaults" 'BEGIN { print "{"; print "  " defaults ","; print "  \"probes\": [" }
  { split($0, p, "/"); name = $0; gsub("/", "_", name); printf "%s    {\"name\": \"%s\", \"url\": \"http://%s/\", %s, \"expect\": {\"addresses\": [\"127.0.0.1\"]}}}",
    (NR > 1 ? ",\n" : ""), name, p[4], dns }
  END { print "\n  ]\n}" }' "$work/initial.txt" >"$work/static.json"

log_ms() { # LOG REGEX: the epoch ms of the last line matching REGEX (its ISO timestamp), or nothing
  local stamp
  stamp=$(grep -E -- "$2" "$1" | tail -n 1 | cut -d' ' -f1)
  [ -z "$stamp" ] || date -d "$stamp" +%s%3N
}
scrape() { curl -sf --max-time 30 "http://127.0.0.1:$port/metrics" >"$work/metrics" || fail "no /metrics"; }
gauge_is() { scrape; [ "$(metric "$work/metrics" "$1")" = "$2" ]; }   # NAME VALUE
start_agent() { # CONFIG NAME: vigil run on CONFIG; sets agent, port, launched (epoch ms)
  launched=$(now_ms)
  bin/vigil run --config "$1" --listen 127.0.0.1:0 --state-dir "$work/state-$2" >"$work/$2.log" 2>&1 &
  agent=$!
  started+=("$agent")
  port=$(listen_port "$work/$2.log" "$agent" 120) || fail "the agent did not get ready: $(tail -5 "$work/$2.log")"
}

# --- the anchor: a static config of the same probes ----------------------------------------------------------------
start_agent "$work/static.json" static
static_ready_ms=$(( $(log_ms "$work/static.log" 'listening on http') - launched ))
wait_until 60 gauge_is vigil_probes_configured "$initial" || fail "the static agent has not $initial probes"
t0=$(cpu_ticks "$agent")
sleep "$seconds"   # the window the discovering agent's changes take; what runs in it is the agent's own work
static_cpu=$(( $(cpu_ticks "$agent") - t0 ))
static_hwm=$(status_kib "$agent" VmHWM)
stop_pid "$agent"
echo "static: ready $static_ready_ms ms after launch, CPU $(calc %.2f "$static_cpu / $clk_tck") s in ${seconds} s," \
  "peak RSS $(calc %.1f "$static_hwm / 1024") MiB"

# --- discovery: start, one lone change, then the changes -----------------------------------------------------------
start_agent "$work/discovery.json" discovery
wait_until 120 -p "$agent" gauge_is vigil_discovery_probes "$initial" \
  || fail "discovery did not find $initial probes: $(metric "$work/metrics" vigil_discovery_probes)"
discovered_ms=$(( $(log_ms "$work/discovery.log" 'discovered probes applied') - launched ))
echo "discovery: $initial probes applied $discovered_ms ms after launch ($(grep -c 'discovered probes applied' \
  "$work/discovery.log") apply)"

changes() { # RATE SECONDS: asks the API for them and waits for its report; sets report, last_ms, expected
  local before
  before=$(grep -c '^changes=' "$work/api.out" || true)
  curl -sfk "https://127.0.0.1:$api_port/bench/start?rate=$1&seconds=$2" >/dev/null || fail "the API refused /bench/start"
  wait_until $(( ${2%.*} + 60 )) -p "$api_pid" \
    eval '[ "$(grep -c "^changes=" "$work/api.out")" -gt "$before" ]' || fail "the API did not finish the changes"
  report=$(grep '^changes=' "$work/api.out" | tail -n 1)
  last_ms=$(sed 's/.*last_ms=//' <<<"$report")
  expected=$(sed 's/.* probes=\([0-9]*\).*/\1/' <<<"$report")
}
applied_after() { # MS: the apply of a change streamed at MS, once the gauge shows EXPECTED; sets applied_ms
  wait_until 60 -p "$agent" gauge_is vigil_discovery_probes "$expected" || fail "discovery did not reach $expected probes"
  applied_ms=$(( $(log_ms "$work/discovery.log" 'discovered probes applied') - $1 ))
}

changes 1 0   # no change but the last add: one lone change, on an idle agent
applied_after "$last_ms"
lone_ms=$applied_ms
echo "lone change: applied $lone_ms ms after its event"

t0=$(cpu_ticks "$agent")
started_ms=$(now_ms)
changes "$rate" "$seconds"
churn_cpu=$(( $(cpu_ticks "$agent") - t0 ))
churn_secs=$(calc %.1f "($(now_ms) - $started_ms) / 1000")
applied_after "$last_ms"
last_apply_ms=$applied_ms
echo "changes: $report"
echo "changes: the last applied $last_apply_ms ms after its event; CPU $(calc %.2f "$churn_cpu / $clk_tck") s in" \
  "$churn_secs s; $(grep -c 'discovered probes applied' "$work/discovery.log") applies in all"

# --- the end: the probes run are exactly the API's ---------------------------------------------------------------
names() { grep '^probe_success{' "$work/metrics" | sed 's/.*probe="\([^"]*\)".*/\1/' | sort; }
all_run() { scrape; [ "$(names | uniq | wc -l)" -ge "$expected" ]; }
wait_until $(( ${interval%s} + 60 )) -p "$agent" all_run || true   # every probe runs once in an interval
names >"$work/seen.txt"
lost=$(comm -23 "$work/expected.txt" <(uniq "$work/seen.txt") | wc -l)
extra=$(comm -13 "$work/expected.txt" <(uniq "$work/seen.txt") | wc -l)
twice=$(uniq -d "$work/seen.txt" | wc -l)
hwm=$(status_kib "$agent" VmHWM)
skipped=$(metric "$work/metrics" vigil_discovery_skipped)
failing=$(grep -c 'discovery: ' "$work/discovery.log" || true)
echo "end: $expected probes expected; run: $(uniq "$work/seen.txt" | wc -l); lost $lost, left over $extra," \
  "twice $twice; skipped $skipped; discovery warnings in the log: $failing"
stop_pid "$agent"

row="discovery ($ingresses Ingresses × $hosts hosts, $rate changes/s for ${seconds} s)"
echo "footprint: $row, time to all $initial probes: vigil discovery $discovered_ms ms | anchor static config, launch to" \
  "ready $static_ready_ms ms | ratio $(calc %.2f "$discovered_ms / $static_ready_ms")"
echo "footprint: $row, time to apply the last change: vigil $last_apply_ms ms | anchor one lone change on the idle" \
  "agent $lone_ms ms | ratio $(calc %.2f "$last_apply_ms / $lone_ms")"
echo "footprint: $row, CPU: vigil $(calc %.1f "$churn_cpu * 100 / $clk_tck / $churn_secs") % of a core | anchor static" \
  "config of the first $initial probes $(calc %.1f "$static_cpu * 100 / $clk_tck / $seconds") % | ratio" \
  "$(calc %.2f "($churn_cpu / $churn_secs) / ($static_cpu / $seconds)")"
echo "footprint: $row, peak RSS (VmHWM): vigil $(calc %.1f "$hwm / 1024") MiB | anchor static config" \
  "$(calc %.1f "$static_hwm / 1024") MiB | ratio $(calc %.2f "$hwm / $static_hwm")"
echo "footprint: $row, probes lost / left over / twice: $lost / $extra / $twice | anchor target 0 | ratio n/a"
[ "$lost" = 0 ] && [ "$extra" = 0 ] && [ "$twice" = 0 ] || fail "the probes run differ from the API's; see above"
