#!/usr/bin/env bash
# Fleet suite (issue 19): several Vigil agents behaving as one system on the engines users run — Prometheus to judge
# across locations, two clustered Alertmanagers to deduplicate — on "hosts" that are network namespaces this script
# creates, links with veth pairs and removes: nothing leaves them, and no address or port outside them is used.
#
#   core        a router: every other namespace hangs off it by a veth pair, 10.77.N.2 (theirs) / 10.77.N.1 (its)
#   ops         Debian's prometheus (scrapes the location agents every second, evaluates
#               examples/prometheus/fleet-rules.yml with its `for:` shortened to 3 s) and two prometheus-alertmanager
#               in one cluster, notifying fleet/receiver.py, which records every notification
#   target      nginx: /p/NAME answers 200 for every probe, /flag/ok while the file is there; on .2 (the load
#               balancer) and .3 (an old address still serving, as a stale record would find)
#   loc-*       three agents (bin/vigil run --location L) in three locations, each with its own dnsmasq on its loopback
#   shard-*     agents of one config of 2,000 probes, each taking its shard from HOSTNAME (vigil-0 …), as a
#               StatefulSet's pods do; replica-0 runs shard 0 a second time
#
# Scenarios (each prints PASS or FAIL; a failure does not stop the others):
#   1. quorum        cut one location's path to the target (a blackhole route): no quorum alert; cut a second: one
#                    VigilProbeDownFromLocations notification at the receiver; restore both: one resolved
#   2. dedup         a failure all three agents see: their own alerts (outputs.alertmanager, one per location) reach
#                    the receiver as one notification
#   3. stale-dns     one location's resolver answers the old address, the others the load balancer's:
#                    VigilDnsStaleInLocations names that location
#   4. shards        2,000 probes over 4 shards: each probe's path is fetched by exactly one agent (nginx's log: the
#                    path and the agent's address); reloaded as 5 shards, about a fifth move, all to the new shard
#   5. replica       a second agent of shard 0, then shard 0's first agent killed (SIGKILL): every probe of shard 0 is
#                    still run in the next interval
#
# Usage: bash fleet/run.sh   (as root, for the namespaces; after `mvn -B package`; JAVA_HOME a JDK 21+ or java on the
# PATH). Needs iproute2, nginx, dnsmasq, prometheus, prometheus-alertmanager, python3, curl (installed by .ci/run).
# FLEET_KEEP=1 keeps the work folder. Ends with "N passed, M failed"; exits 1 when anything failed.
# Inside a namespace of its own nothing else listens, so the services there use fixed ports: no guess can collide.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source .ci/lib.sh
stop_grace=10

passed=0
failed=0
began=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-fleet.XXXXXX")
chmod 755 "$work"   # nginx's workers and dnsmasq drop privileges and must traverse it
id=vf$$             # this run's namespaces: $id-core, $id-ops, …
net=10.77
namespaces=()

cleanup() {
  stop_started
  local ns
  for ns in ${namespaces[@]+"${namespaces[@]}"}; do ip netns del "$ns" 2>/dev/null || true; done
  if [ -n "${FLEET_KEEP:-}" ]; then echo "fleet: FLEET_KEEP is set: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { # WHY [LOG…]
  local why=$1 log; shift
  echo "FAIL: $why" >&2
  for log; do [ -f "$log" ] && { echo "--- last lines of $log:" >&2; tail -n 15 "$log" >&2; }; done
  failed=$((failed + 1))
}
die() { fail "$@"; echo "fleet: $passed passed, $failed failed (stopped early)"; exit 1; }

for tool in ip nginx dnsmasq prometheus prometheus-alertmanager python3 curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (.ci/run installs it)"
done
[ -f target/vigil.jar ] || die "target/vigil.jar is missing: run mvn -B package first"

# --- the hosts -----------------------------------------------------------------------------------------------------
declare -A addr   # host name → its address
core=$id-core
ip netns add "$core" 2>"$work/netns.log" || die "cannot create network namespaces (root is needed)" "$work/netns.log"
namespaces+=("$core")
ip -n "$core" link set lo up
ip netns exec "$core" sysctl -qw net.ipv4.ip_forward=1
host_count=0
host() { # NAME: a namespace linked to the core, its address in addr[NAME]
  local name=$1 ns=$id-$1
  host_count=$((host_count + 1))
  ip netns add "$ns"
  namespaces+=("$ns")
  ip -n "$core" link add "h$host_count" type veth peer name eth0 netns "$ns"
  ip -n "$core" addr add "$net.$host_count.1/24" dev "h$host_count"
  ip -n "$core" link set "h$host_count" up
  ip -n "$ns" addr add "$net.$host_count.2/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  ip -n "$ns" route add default via "$net.$host_count.1"
  addr[$name]=$net.$host_count.2
}
on() { local name=$1; shift; ip netns exec "$id-$name" "$@"; }   # NAME COMMAND…: COMMAND on that host
locations=(eu-west us-east ap-south)
for name in ops target "${locations[@]/#/loc-}" shard-0 shard-1 shard-2 shard-3 shard-4 replica-0; do host "$name"; done
lb=${addr[target]}               # the load balancer's address
old=${lb%.2}.3                   # the address before it, still serving
solo=${lb%.2}.4                  # an address for the quorum probe alone, which scenario 1 cuts off
ip -n "$id-target" addr add "$old/24" dev eth0
ip -n "$id-target" addr add "$solo/24" dev eth0
ops=${addr[ops]}

# --- the target ----------------------------------------------------------------------------------------------------
mkdir -p "$work/nginx" "$work/www/flag"
echo ok >"$work/www/flag/ok"
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
$(nginx_temp_paths "$work/nginx")
  log_format fleet '\$remote_addr \$uri \$status';
  access_log $work/nginx/access.log fleet;
  server {
    listen 80;
    location /p/ { return 200 "ok\n"; }
    location /flag/ { root $work/www; }
  }
}
EOF
ip netns exec "$id-target" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
started+=($!)
wait_until 20 on target curl -sf -o /dev/null "http://$lb/p/ready" || die "nginx did not start" "$work/nginx/error.log"

# --- ops: the receiver, two Alertmanagers in a cluster, Prometheus -------------------------------------------------
ip netns exec "$id-ops" python3 fleet/receiver.py "$ops" 8080 "$work/notifications.jsonl" &
started+=($!)
wait_until 20 on ops curl -sf -o /dev/null "http://$ops:8080/-/ready" || die "the receiver did not start"
: >"$work/notifications.jsonl"
# Alerts arriving within group_wait go out together (the agents fail within a few seconds of each other); a group that
# changed (an alert resolved) is told again after group_interval.
cat >"$work/alertmanager.yml" <<EOF
route:
  receiver: receiver
  group_by: [alertname, probe]
  group_wait: 8s
  group_interval: 10s
  repeat_interval: 1h
receivers:
  - name: receiver
    webhook_configs:
      - url: http://$ops:8080/
        send_resolved: true
EOF
start_alertmanager() { # N WEB_PORT CLUSTER_PORT [PEER]
  mkdir -p "$work/am$1"
  ip netns exec "$id-ops" prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/am$1" \
    --web.listen-address="$ops:$2" --cluster.listen-address="$ops:$3" ${4:+--cluster.peer="$4"} \
    --cluster.peer-timeout=1s --cluster.gossip-interval=100ms --cluster.pushpull-interval=1s \
    --log.level=info >"$work/am$1.log" 2>&1 &
  started+=($!)
  wait_until 30 on ops curl -sf -o /dev/null "http://$ops:$2/-/ready" || die "alertmanager $1 did not start" "$work/am$1.log"
}
start_alertmanager 1 9093 9094
start_alertmanager 2 9095 9096 "$ops:9094"
cluster_of_two() { [ "$(on ops curl -sf "http://$ops:9093/api/v2/status" | python3 -c \
  'import json,sys; print(len(json.load(sys.stdin)["cluster"]["peers"]))')" = 2 ]; }
wait_until 30 cluster_of_two || die "the two Alertmanagers did not form a cluster" "$work/am1.log" "$work/am2.log"

# The rules as shipped, but for their `for:` (minutes in production, seconds here).
sed -E 's/^( *for: )[0-9]+m$/\13s/' examples/prometheus/fleet-rules.yml >"$work/fleet-rules.yml"
targets=''
for location in "${locations[@]}"; do targets+="${targets:+, }'${addr[loc-$location]}:19115'"; done
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: [$work/fleet-rules.yml]
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['$ops:9093', '$ops:9095']
scrape_configs:
  - job_name: vigil
    honor_labels: true
    static_configs:
      - targets: [$targets]
EOF
ip netns exec "$id-ops" prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="$ops:9090" --log.level=warn >"$work/prometheus.log" 2>&1 &
started+=($!)
wait_until 30 on ops curl -sf -o /dev/null "http://$ops:9090/-/ready" || die "prometheus did not start" "$work/prometheus.log"
# query PROMQL: the number of series the instant query returns
query() {
  on ops curl -sf --max-time 5 "http://$ops:9090/api/v1/query" --data-urlencode "query=$1" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))'
}
series_at_least() { local n; n=$(query "$1") && [ "$n" -ge "$2" ]; }   # PROMQL N

# --- the location agents -------------------------------------------------------------------------------------------
# Each location has a resolver of its own (dnsmasq on its loopback); eu-west's still answers the old address.
for location in "${locations[@]}"; do
  answer=$lb
  [ "$location" != eu-west ] || answer=$old
  ip netns exec "$id-loc-$location" dnsmasq --no-daemon --conf-file=/dev/null --port=5353 --listen-address=127.0.0.1 \
    --bind-interfaces --no-resolv --no-hosts --local=/fleet.test/ --host-record="api.fleet.test,$answer" \
    --local-ttl=3000 --pid-file="$work/dnsmasq-$location.pid" --user=root --log-facility=- \
    >"$work/dnsmasq-$location.log" 2>&1 &
  started+=($!)
done
cat >"$work/locations.json" <<EOF
{
  "defaults": { "interval": "2s", "timeout": "1s" },
  "probes": [
    { "name": "quorum", "url": "http://$solo/p/quorum" },
    { "name": "shared", "url": "http://$lb/flag/ok" },
    { "name": "api", "url": "http://api.fleet.test/p/api",
      "dns": { "resolvers": ["127.0.0.1:5353"], "authoritative": false, "expect": { "addresses": ["$lb"] } } }
  ],
  "outputs": {
    "alertmanager": [ { "name": "am", "urls": ["http://$ops:9093", "http://$ops:9095"] } ],
    "alerts": { "failureThreshold": 2, "successThreshold": 1 }
  }
}
EOF
agent_pid=''
start_agent() { # HOST LOG ARGS…: bin/vigil run on HOST listening on its address; sets agent_pid
  local host=$1 log=$2
  shift 2
  ip netns exec "$id-$host" env VIGIL_CACHE_DIR="$work/cache" "$repo/bin/vigil" run --listen "${addr[$host]}:19115" \
    --state-dir "$work/state-$host" "$@" >"$log" 2>&1 &
  agent_pid=$!
  started+=("$agent_pid")
}
agent_up() { on "$1" curl -sf --max-time 2 -o /dev/null "http://${addr[$1]}:19115/-/ready"; }   # HOST
declare -A location_pid
for location in "${locations[@]}"; do
  start_agent "loc-$location" "$work/agent-$location.log" --config "$work/locations.json" --location "$location" \
    --agent-name "vigil-$location"
  location_pid[$location]=$agent_pid
done
for location in "${locations[@]}"; do
  wait_until 60 -p "${location_pid[$location]}" agent_up "loc-$location" \
    || die "the agent in $location did not start" "$work/agent-$location.log"
done
wait_until 60 series_at_least 'probe_success{probe="quorum",location!=""} == 1' 3 \
  || die "Prometheus does not see the three locations probing" "$work/prometheus.log"

# notifications ALERTNAME PROBE STATUS: how many notifications of that alert and probe with that status the receiver got
notifications() {
  python3 - "$work/notifications.jsonl" "$1" "$2" "$3" <<'EOF'
import json, sys
path, name, probe, status = sys.argv[1:]
count = 0
for line in open(path, encoding="utf-8"):
    n = json.loads(line)
    group = n.get("groupLabels", {})
    if group.get("alertname") == name and group.get("probe") == probe and n.get("status") == status:
        count += 1
print(count)
EOF
}
notified() { [ "$(notifications "$@")" -ge 1 ]; }   # ALERTNAME PROBE STATUS
# settle SECONDS: a window in which nothing more may arrive, for the "exactly one" counts (time is the point here)
settle() { sleep "$1"; }

# --- scenario 1: quorum --------------------------------------------------------------------------------------------
quorum() {
  local name=VigilProbeDownFromLocations
  on loc-eu-west ip route add blackhole "$solo/32"
  if ! wait_until 30 series_at_least 'probe_success{probe="quorum",location="eu-west"} == 0' 1; then
    fail "quorum: eu-west cut off, but Prometheus does not see its probe fail" "$work/agent-eu-west.log"; return
  fi
  settle 12   # past the rule's 3 s and Alertmanager's group_wait
  if notified "$name" quorum firing; then fail "quorum: one location of three down raised the quorum alert"; return; fi
  on loc-us-east ip route add blackhole "$solo/32"
  if ! wait_until 45 notified "$name" quorum firing; then
    fail "quorum: two locations down, but no $name notification within 45 s" "$work/prometheus.log" "$work/am1.log"
    return
  fi
  settle 10
  local firing; firing=$(notifications "$name" quorum firing)
  on loc-eu-west ip route del blackhole "$solo/32"
  on loc-us-east ip route del blackhole "$solo/32"
  if ! wait_until 45 notified "$name" quorum resolved; then
    fail "quorum: both locations back, but no resolved $name notification within 45 s" "$work/am1.log"; return
  fi
  settle 10
  local resolved; resolved=$(notifications "$name" quorum resolved)
  if [ "$firing" = 1 ] && [ "$resolved" = 1 ]; then
    pass "quorum: one location down: no alert; two: 1 firing $name notification; restored: 1 resolved"
  else
    fail "quorum: $firing firing and $resolved resolved $name notifications, not 1 and 1"
  fi
}

# --- scenario 2: the agents' own alerts, deduplicated --------------------------------------------------------------
dedup() {
  rm -f "$work/www/flag/ok"
  if ! wait_until 60 notified VigilDown shared firing; then
    fail "dedup: the shared probe fails everywhere, but no VigilDown notification within 60 s" \
      "$work/agent-eu-west.log" "$work/am1.log"
    echo ok >"$work/www/flag/ok"
    return
  fi
  settle 12
  echo ok >"$work/www/flag/ok"
  local summary
  summary=$(python3 - "$work/notifications.jsonl" <<'EOF'
import json, sys
firing = [n for n in map(json.loads, open(sys.argv[1], encoding="utf-8"))
          if n.get("groupLabels", {}).get("alertname") == "VigilDown" and n.get("status") == "firing"
          and n["groupLabels"].get("probe") == "shared"]
locations = sorted(a["labels"].get("location", "?") for n in firing for a in n["alerts"])
print(len(firing), ",".join(locations))
EOF
)
  if [ "$summary" = "1 ap-south,eu-west,us-east" ]; then
    pass "dedup: three agents' alerts for one failure: 1 notification, with the alerts of ap-south, eu-west, us-east"
  else
    fail "dedup: notifications and locations for the shared failure: $summary, not 1 with all three"
  fi
}

# --- scenario 3: stale DNS in one location -------------------------------------------------------------------------
stale_dns() {
  local name=VigilDnsStaleInLocations
  if ! wait_until 60 notified "$name" api firing; then
    fail "stale-dns: eu-west's resolver answers the old address, but no $name notification within 60 s" \
      "$work/agent-eu-west.log" "$work/prometheus.log"
    return
  fi
  local summary
  summary=$(python3 - "$work/notifications.jsonl" "$name" <<'EOF'
import json, sys
for n in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    if n.get("groupLabels", {}).get("alertname") == sys.argv[2] and n.get("status") == "firing":
        print(n["alerts"][0]["annotations"]["summary"])
        break
EOF
)
  if [[ $summary == *"from eu-west only"* ]]; then
    pass "stale-dns: \"$summary\""
  else
    fail "stale-dns: the alert does not name eu-west alone: \"$summary\""
  fi
}

# dedup first: an agent holds back a second firing of one alert for 5 minutes (outputs.alerts.minInterval)
dedup
quorum
stale_dns
for location in "${locations[@]}"; do stop_pid "${location_pid[$location]}"; done

# --- scenarios 4 and 5: shards and a replica -----------------------------------------------------------------------
probes=2000
interval=15
shards_config() { # COUNT: the shards' config, written in place (the agents reload it on SIGHUP)
  {
    printf '{ "agent": { "shard": { "count": %d } },\n' "$1"
    printf '  "defaults": { "interval": "%ds", "timeout": "5s" },\n  "probes": [\n' "$interval"
    local i
    for ((i = 0; i < probes; i++)); do
      printf '    { "name": "p%04d", "url": "http://%s/p/p%04d" }%s\n' "$i" "$lb" "$i" "$([ "$i" -lt $((probes - 1)) ] && echo ,)"
    done
    printf '  ] }\n'
  } >"$work/shards.json.new"
  mv "$work/shards.json.new" "$work/shards.json"
}
declare -A shard_pid
start_shard() { # HOST ORDINAL
  ip netns exec "$id-$1" env HOSTNAME="vigil-$2" VIGIL_CACHE_DIR="$work/cache" "$repo/bin/vigil" run --config "$work/shards.json" \
    --listen "${addr[$1]}:19115" --state-dir "$work/state-$1" >"$work/agent-$1.log" 2>&1 &
  shard_pid[$1]=$!
  started+=("$!")
}
# configured HOST…: the sum of vigil_probes_configured over those agents
configured() {
  local host total=0 n
  for host; do
    n=$(on "$host" curl -sf --max-time 5 "http://${addr[$host]}:19115/metrics" \
      | sed -n 's/^vigil_probes_configured \([0-9.]*\)$/\1/p') || return 1
    [ -n "$n" ] || return 1
    total=$((total + ${n%.*}))
  done
  echo "$total"
}
all_configured() { local n; n=$(configured "$@") && [ "$n" = "$probes" ]; }
# window FILE: one interval and a margin of nginx's log, from now, into FILE ("address path" lines of the probes)
window() {
  local from
  from=$(wc -l <"$work/nginx/access.log")
  sleep $((interval + 3))   # a whole interval of runs is what is counted
  tail -n "+$((from + 1))" "$work/nginx/access.log" | awk '$2 ~ /^\/p\/p[0-9]+$/ { print $1, $2 }' >"$1"
}
# owners FILE: per path, the agents that fetched it → "path address[,address]" lines, sorted
owners() { sort -u "$1" | awk '{ a[$2] = a[$2] ? a[$2] "," $1 : $1 } END { for (p in a) print p, a[p] }' | sort; }

shards() {
  shards_config 4
  local host i
  for i in 0 1 2 3; do start_shard "shard-$i" "$i"; done
  if ! wait_until 90 all_configured shard-0 shard-1 shard-2 shard-3; then
    fail "shards: the four agents do not own $probes probes between them: $(configured shard-0 shard-1 shard-2 shard-3 \
      || echo unreadable)" "$work/agent-shard-0.log"
    return
  fi
  window "$work/window-4"
  owners "$work/window-4" >"$work/owners-4"
  local paths shared per runs
  paths=$(wc -l <"$work/owners-4")
  shared=$(grep -c , "$work/owners-4" || true)
  per=$(awk '{ n[$2]++ } END { for (a in n) print n[a] }' "$work/owners-4" | sort -n | xargs)
  runs=$(awk '{ n[$1]++ } END { for (a in n) print n[a] }' "$work/window-4" | sort -n | xargs)
  if [ "$paths" != "$probes" ] || [ "$shared" != 0 ]; then
    fail "shards: of $probes probes, $paths were fetched in an interval and $shared by more than one agent"; return
  fi
  pass "shards: 4 shards: each of $probes probes fetched by exactly one agent (probes per shard: $per; runs in" \
    "$((interval + 3)) s: $runs)"

  shards_config 5
  start_shard shard-4 4
  for i in 0 1 2 3; do kill -HUP "${shard_pid[shard-$i]}"; done
  if ! wait_until 90 all_configured shard-0 shard-1 shard-2 shard-3 shard-4; then
    fail "shards: after the reload to 5 shards, the agents own $(configured shard-0 shard-1 shard-2 shard-3 shard-4 \
      || echo unreadable) probes, not $probes" "$work/agent-shard-0.log" "$work/agent-shard-4.log"
    return
  fi
  sleep 2   # runs started before the reload end within their 5 s timeout, which the margin of the window covers
  window "$work/window-5"
  owners "$work/window-5" >"$work/owners-5"
  paths=$(wc -l <"$work/owners-5")
  shared=$(grep -c , "$work/owners-5" || true)
  local moved to_new
  moved=$(join "$work/owners-4" "$work/owners-5" | awk '$2 != $3' | wc -l)
  to_new=$(join "$work/owners-4" "$work/owners-5" | awk -v new="${addr[shard-4]}" '$2 != $3 && $3 == new' | wc -l)
  if [ "$paths" != "$probes" ] || [ "$shared" != 0 ]; then
    fail "shards: 5 shards: $paths of $probes probes fetched in an interval, $shared by more than one agent"; return
  fi
  # 1/5 expected (400): a wide band, since the hash spreads 2,000 names, not an infinity of them.
  if [ "$moved" -lt 280 ] || [ "$moved" -gt 520 ] || [ "$moved" != "$to_new" ]; then
    fail "shards: 4 → 5 shards moved $moved of $probes probes ($to_new to the new shard), not about 400, all to it"
    return
  fi
  pass "shards: 4 → 5 shards moved $moved of $probes probes, all to the new shard; each still fetched by one agent"
}

replica() {
  [ -f "$work/owners-5" ] || { fail "replica: needs the shards scenario's five shards"; return; }
  local own=${addr[shard-0]} twin=${addr[replica-0]}
  start_shard replica-0 0
  if ! wait_until 90 all_configured shard-1 shard-2 shard-3 shard-4 replica-0; then
    fail "replica: a second agent of shard 0 does not own shard 0's probes" "$work/agent-replica-0.log"; return
  fi
  stop_pid "${shard_pid[shard-0]}" KILL
  window "$work/window-replica"
  local expected ran
  expected=$(awk -v a="$own" '$2 == a { print $1 }' "$work/owners-5" | sort)
  ran=$(awk -v a="$twin" '$1 == a { print $2 }' "$work/window-replica" | sort -u)
  local lost
  lost=$(comm -23 <(echo "$expected") <(echo "$ran") | wc -l)
  if [ "$lost" = 0 ] && [ -n "$expected" ]; then
    pass "replica: shard 0's agent killed: its second agent ran all $(echo "$expected" | wc -l) of its probes in the next interval"
  else
    fail "replica: shard 0's agent killed: $lost of its $(echo "$expected" | wc -l) probes not run in the next interval"
  fi
}

shards
replica

echo "fleet: $passed passed, $failed failed in $((SECONDS - began)) s; notifications received:" \
  "$(wc -l <"$work/notifications.jsonl")"
[ "$failed" = 0 ]
