#!/usr/bin/env bash
# End-to-end suite: the built jar (bin/vigil) against real services on loopback only (127.0.0.0/8).
#
#   nginx            the HTTPS targets: 127.0.0.1:T (localhost), 127.0.0.3:L (api.vigil.test, the load balancer) and
#                    127.0.0.2:L (the old address, serving a self-signed default certificate, as a stale ingress would)
#   dnsmasq          a resolver for api.vigil.test only
#   pushgateway      Debian's prometheus-pushgateway, in memory
#   e2e/fake_slack.py  an HTTPS Slack webhook that records every POST
#
# Scenarios (each a function; each prints PASS or FAIL and never stops the others):
#   1. healthy        vigil probe --ca-file against nginx: exit 0, "OK"
#   2. agent-alerts   vigil run; nginx stops and comes back: probe_success 1 → 0 → 1 at the Pushgateway, exactly one
#                     firing and one resolved Slack message, exit 143 on SIGTERM, the webhook's secret never logged
#   3. cert-churn     nginx's certificate re-issued four times, vigil probe --state-dir after each: re-issue events,
#                     the duplicate-certificate limit's warning and critical levels, vigil certs --output json
#   4. stale-dns      dnsmasq answers the old address: dns_lb_mismatch, "update the A record"; fixed: exit 0
#   5. exit-codes     a closed port is 2 (connect_refused), a bad flag is 3
#   6. starttls-postgres  (e2e/starttls.sh) vigil probe --starttls postgres against a throw-away PostgreSQL
#   7. incident       (e2e/incident.sh) the incident Vigil was built for, through vigil run and the fake Slack: the same
#                     two names re-issued five times by nginx reloads, its self-signed default certificate, a stale A
#                     record at dnsmasq, the recovery; the churn warning, the CA's refusal, "update the A record", resolved
#
# Usage: bash e2e/run.sh   (from anywhere; after `mvn -B package`, with JAVA_HOME a JDK 21+ or java 21+ on the PATH)
#        E2E_ONLY=incident bash e2e/run.sh   runs only the scenarios named (comma-separated: E2E_ONLY=healthy,incident);
#                     the setup (packages, certificates, services) is the same
# Installs nginx (nginx-light or nginx), dnsmasq-base and prometheus-pushgateway from Debian's packages when they are
# missing (root only). Everything it starts runs from one mktemp -d folder and is stopped by PID at exit, also on
# failure or Ctrl-C; the folder is removed (kept with E2E_KEEP=1, for a look at the logs). Ends with "N passed,
# M failed"; exits 1 when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export LC_ALL=C.UTF-8   # the Slack messages' emoji are matched byte for byte
suite_start=${EPOCHREALTIME//[.,]/}

# --- bookkeeping: results, processes, temp folder -----------------------------------------------------------------
passed=0
failed=0
scn_name=''   # the scenario running
scn_failed=false
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-e2e.XXXXXX")
chmod 755 "$work"   # nginx's workers and dnsmasq drop privileges; they read nothing here, but may need to traverse
# The shared helpers: started (the PIDs this script started and has not stopped yet), stop_pid PID [SIGNAL] (then
# SIGKILL after stop_grace s; sets stopped_rc), alive, listening, wait_until SECONDS COMMAND…, hold_ports, listen_port.
source "$repo/.ci/lib.sh"
stop_grace=10

since() { awk -v ms=$(( $(now_ms) - $1 )) 'BEGIN { printf "%.1f s", ms / 1000 }'; }   # START_MS: elapsed, "1.2 s"

cleanup() {
  stop_started
  if [ -n "${E2E_KEEP:-}" ]; then echo "e2e: E2E_KEEP is set: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fail WHY [LOG…]: the running scenario failed; prints the FAIL line and the last lines of each log.
fail() {
  local why=$1 log; shift
  scn_failed=true
  echo "FAIL $scn_name: $why"
  for log; do
    [ -s "$log" ] || continue
    echo "  --- last lines of ${log#"$work"/}:"
    tail -n 25 "$log" | sed 's/^/  | /'
  done
  return 1
}

# scenario NAME FUNCTION: runs it, counts it. The function is called in a `||` list, so `set -e` does not apply inside
# it: it checks what matters itself, and returns non-zero after `fail`.
scenario() {
  local start scn_status=0   # not `rc`: the scenarios set that global
  [[ -z ${E2E_ONLY:-} || ,$E2E_ONLY, == *",$1,"* ]] || return 0
  scn_name=$1 scn_failed=false start=$(now_ms)
  # A scenario that failed half-way must not take the next ones down with it: nginx is up when each one starts.
  alive "$nginx_pid" || start_nginx || true
  "$2" || scn_status=$?
  if ! $scn_failed && [ "$scn_status" -ne 0 ]; then fail "stopped with status $scn_status" || true; fi
  if $scn_failed; then
    failed=$((failed + 1))
    echo "  ($scn_name took $(since "$start"))"
  else
    passed=$((passed + 1))
    echo "PASS $scn_name ($(since "$start"))"
  fi
}

# free_ports VAR…: as many different ports as VARs, picked by the kernel and held, on TCP and UDP at 127.0.0.1, .2 and .3,
# by .ci/hold-ports.py until the suite ends (never guessed: issue 13, item 10). The suite's servers all set
# SO_REUSEADDR, so they can listen on a held port, and nginx gets its port back when it restarts mid-scenario; a held
# port nothing listens on refuses connections (scenario 5's closed port).
free_ports() {
  hold_ports "$work/ports" "$@" -- 127.0.0.1 127.0.0.2 127.0.0.3 || return 1
  started+=("$held_ports_pid")
}

# --- packages -----------------------------------------------------------------------------------------------------
# Fresh CI machines have none of these; the Debian packages are installed as root, non-interactively. The package index
# is refreshed only when an install fails without it. Another apt-get may hold the dpkg lock: wait for it.
apt_install() {
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install --no-install-recommends "$@" >>"$work/apt.log" 2>&1 \
    || { DEBIAN_FRONTEND=noninteractive "${apt[@]}" update >>"$work/apt.log" 2>&1 \
         && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install --no-install-recommends "$@" >>"$work/apt.log" 2>&1; }
}
find_bin() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || { [ -x "/usr/bin/$1" ] && echo "/usr/bin/$1"; }; }

install_missing() {
  local missing=() tool
  for tool in openssl:openssl curl:curl python3:python3 dnsmasq:dnsmasq-base prometheus-pushgateway:prometheus-pushgateway; do
    find_bin "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  find_bin nginx >/dev/null || missing+=(nginx)
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "e2e: missing ${missing[*]}; run as root or install them: apt-get install -y ${missing[*]/#nginx/nginx-light}" >&2
    return 1
  fi
  echo "e2e: installing ${missing[*]} from Debian's packages"
  local packages=("${missing[@]/#nginx/nginx-light}")
  # nginx-light is the smallest build where it exists (Debian 12); later releases have only nginx.
  apt_install "${packages[@]}" || { [[ " ${missing[*]} " == *" nginx "* ]] && apt_install "${missing[@]}"; } || {
    echo "e2e: apt-get install ${missing[*]} failed:" >&2; tail -n 15 "$work/apt.log" >&2; return 1; }
}

# --- certificates -------------------------------------------------------------------------------------------------
pki=$work/pki
# issue NAME SAN DAYS [NOT_BEFORE]: a leaf for SAN (openssl's subjectAltName syntax) signed by the suite's CA, EC P-256,
# with a random serial, as $pki/NAME.pem and $pki/NAME.key. DAYS matters: a re-issue is told from a renewal by how far
# the replaced certificate was from its expiry (docs/certificates.md), so leaves live 90 days as Let's Encrypt's.
# NOT_BEFORE (seconds since the epoch) backdates it: `openssl x509 -req` cannot before OpenSSL 3.4 (-not_before), so
# `openssl ca -startdate` signs it then. With ca=FILE (a variable set for the call), $pki/FILE.pem and .key sign it.
issue() {
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
    -keyout "$pki/$1.key.new" -out "$pki/$1.csr" 2>>"$pki/openssl.log" || return 1
  printf '%s\n' "subjectAltName=$2" basicConstraints=critical,CA:FALSE keyUsage=critical,digitalSignature \
    extendedKeyUsage=serverAuth >"$pki/$1.ext"
  if [ -n "${4:-}" ]; then
    [ -f "$pki/ca.cnf" ] || make_ca_db || return 1
    openssl ca -batch -config "$pki/ca.cnf" -cert "$pki/${ca:-ca}.pem" -keyfile "$pki/${ca:-ca}.key" -in "$pki/$1.csr" \
      -startdate "$(date -u -d "@$4" +%Y%m%d%H%M%SZ)" -enddate "$(date -u -d "@$(($4 + $3 * 86400))" +%Y%m%d%H%M%SZ)" \
      -rand_serial -notext -extfile "$pki/$1.ext" -out "$pki/$1.pem.new" >>"$pki/openssl.log" 2>&1 || return 1
  else
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/${ca:-ca}.pem" -CAkey "$pki/${ca:-ca}.key" \
      -set_serial "0x$(openssl rand -hex 16)" -days "$3" -sha256 -extfile "$pki/$1.ext" -out "$pki/$1.pem.new" \
      2>>"$pki/openssl.log" || return 1
  fi
  # Renamed into place, so that nginx reloading meanwhile never reads half a file.
  mv -f "$pki/$1.key.new" "$pki/$1.key" && mv -f "$pki/$1.pem.new" "$pki/$1.pem"
}
make_ca_db() { # what `openssl ca` needs besides the CA: a database of what it signed, which the suite never reads
  mkdir -p "$pki/signed" && : >"$pki/index.txt" && printf '%s\n' '[ca]' 'default_ca = e2e' '[e2e]' \
    "database = $pki/index.txt" "new_certs_dir = $pki/signed" "serial = $pki/serial" 'default_md = sha256' \
    'policy = any' 'unique_subject = no' '[any]' 'commonName = supplied' >"$pki/ca.cnf"
}
make_pki() {
  mkdir -p "$pki"
  # Named like Let's Encrypt's issuers: the limits Vigil models count only that CA's certificates (cert.limitIssuers).
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/C=US/O=Let's Encrypt/CN=Vigil E2E CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>>"$pki/openssl.log" || return 1
  issue localhost DNS:localhost,IP:127.0.0.1 90 || return 1
  issue api.vigil.test DNS:api.vigil.test,IP:127.0.0.3 90 || return 1
  issue slack DNS:localhost,IP:127.0.0.1 90 || return 1
  issue shop.vigil.test DNS:shop.vigil.test,DNS:www.shop.vigil.test 90 || return 1   # scenario 7 replaces it
  # What the old address serves: a self-signed certificate, like an ingress controller's default one.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/O=Acme Co/CN=Kubernetes Ingress Controller Fake Certificate" -addext subjectAltName=DNS:ingress.local \
    -keyout "$pki/stale.key" -out "$pki/stale.pem" 2>>"$pki/openssl.log" || return 1
  # The agent's JVM trusts the fake Slack only through the JDK's default trust store, replaced by this one.
  local keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
  "$keytool" -importcert -noprompt -alias vigil-e2e-ca -file "$pki/ca.pem" -keystore "$pki/trust.p12" \
    -storetype PKCS12 -storepass vigil-e2e >>"$pki/openssl.log" 2>&1
}
served_serial() { # ADDRESS PORT SNI: the serial of the certificate served there, as `openssl x509 -serial` prints it
  openssl s_client -connect "$1:$2" -servername "$3" </dev/null 2>/dev/null | openssl x509 -noout -serial 2>/dev/null
}

# --- services -----------------------------------------------------------------------------------------------------
nginx_pid=''
start_nginx() {
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log notice;
events { worker_connections 256; }
http {
$(nginx_temp_paths "$work/nginx")
  access_log $work/nginx/access.log;
  default_type text/plain;
  ssl_protocols TLSv1.2 TLSv1.3;
  server {   # scenarios 1-3
    listen 127.0.0.1:$target_port ssl;
    ssl_certificate $pki/localhost.pem;
    ssl_certificate_key $pki/localhost.key;
    location = /health { return 200 "ok\n"; }
  }
  server {   # scenario 4: the load balancer
    listen 127.0.0.3:$lb_port ssl;
    ssl_certificate $pki/api.vigil.test.pem;
    ssl_certificate_key $pki/api.vigil.test.key;
    location = /health { return 200 "ok\n"; }
  }
  server {   # scenario 4: the old address, where something else now answers
    listen 127.0.0.2:$lb_port ssl;
    ssl_certificate $pki/stale.pem;
    ssl_certificate_key $pki/stale.key;
    location / { return 404; }
  }
  server {   # scenario 7: the ingress behind the load balancer, its certificate swapped by reloads
    listen 127.0.0.3:$shop_port ssl;
    ssl_certificate $pki/shop.vigil.test.pem;
    ssl_certificate_key $pki/shop.vigil.test.key;
    location = /health { return 200 "ok\n"; }
  }
  server {   # scenario 7: the old load balancer's address, an ingress there serving its default certificate
    listen 127.0.0.2:$shop_port ssl;
    ssl_certificate $pki/stale.pem;
    ssl_certificate_key $pki/stale.key;
    location = /health { return 200 "ok\n"; }
  }
}
EOF
  "$nginx" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  nginx_pid=$!
  started+=("$nginx_pid")
  # The master listens before it forks its worker: wait for an answer, not only for the port.
  wait_until 20 nginx_answers || { alive "$nginx_pid" || { wait "$nginx_pid"; forget "$nginx_pid"; }; return 1; }
}
nginx_answers() {
  alive "$nginx_pid" && curl -sf --max-time 2 --cacert "$pki/ca.pem" "https://localhost:$target_port/health" >/dev/null \
    && listening 127.0.0.3 "$lb_port" && listening 127.0.0.2 "$lb_port" \
    && listening 127.0.0.3 "$shop_port" && listening 127.0.0.2 "$shop_port"
}

pushgateway_pid=''
start_pushgateway() {
  # --persistence.file= keeps it in memory: Debian's default file would share groups between runs.
  "$pushgateway" --web.listen-address="127.0.0.1:$pushgateway_port" --persistence.file= --log.level=warn \
    >"$work/pushgateway.log" 2>&1 &
  pushgateway_pid=$!
  started+=("$pushgateway_pid")
  wait_until 20 -p "$pushgateway_pid" curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$pushgateway_port/-/ready"
}

slack_pid=''
start_slack() {
  : >"$work/slack.jsonl"
  python3 "$repo/e2e/fake_slack.py" "$slack_port" "$pki/slack.pem" "$pki/slack.key" "$work/slack.jsonl" \
    >"$work/slack.log" 2>&1 &
  slack_pid=$!
  started+=("$slack_pid")
  wait_until 20 -p "$slack_pid" curl -sf --max-time 2 -o /dev/null --cacert "$pki/ca.pem" "https://127.0.0.1:$slack_port/-/ready"
}

dnsmasq_pid=''
start_dnsmasq() { # ADDRESS: what api.vigil.test resolves to
  # --local makes vigil.test answered from this config only: an AAAA question gets an empty answer (NODATA), where
  # --address alone, with no upstream server, answers it REFUSED. A 60 s TTL, as a zone would have.
  # $work/hosts holds scenario 7's records, which dnsmasq reads again on SIGHUP: it changes them without a restart.
  [ -e "$work/hosts" ] || : >"$work/hosts"
  "$dnsmasq" --no-daemon --conf-file=/dev/null --port="$dns_port" --listen-address=127.0.0.1 --bind-interfaces \
    --no-resolv --no-hosts --addn-hosts="$work/hosts" --local=/vigil.test/ --host-record="api.vigil.test,$1" --local-ttl=60 \
    --pid-file="$work/dnsmasq.pid" --user=root --log-facility=- --log-queries >>"$work/dnsmasq.log" 2>&1 &
  dnsmasq_pid=$!
  started+=("$dnsmasq_pid")
  # It binds its UDP and TCP sockets together, before it answers anything.
  wait_port 127.0.0.1 "$dns_port" 20 "$dnsmasq_pid"
}

vigil() { "$repo/bin/vigil" "$@"; }
# probe OUT_FILE ARGS…: vigil probe ARGS, output (both streams) to OUT_FILE; sets rc to its exit code.
probe() { local out=$1; shift; rc=0; vigil probe "$@" >"$out" 2>&1 || rc=$?; }

# --- scenario 1 ---------------------------------------------------------------------------------------------------
healthy() {
  local out=$work/healthy.out
  probe "$out" --ca-file "$pki/ca.pem" "https://localhost:$target_port/health"
  [ "$rc" -eq 0 ] || { fail "exit $rc, expected 0 (OK)" "$out"; return; }
  head -n 1 "$out" | grep -q '^OK' || { fail "output does not start with OK" "$out"; return; }
}

# --- scenario 2 ---------------------------------------------------------------------------------------------------
# The agent probes nginx every second and pushes to the Pushgateway every second; nginx stops and comes back.
pg_values=''   # the distinct successive values of the probe's probe_success seen at the Pushgateway, e.g. "1 0 1"
pg_is() { # VALUE: the probe's probe_success at the Pushgateway is VALUE now; every value seen goes into pg_values
  local value
  value=$(curl -sf --max-time 2 "http://127.0.0.1:$pushgateway_port/metrics" \
    | awk '/^probe_success\{/ && /probe="api"/ && /job="vigil_e2e"/ { v = $NF } END { print v }') || value=''
  if [ -n "$value" ] && [ "${pg_values##* }" != "$value" ]; then pg_values="${pg_values:+$pg_values }$value"; fi
  [ "$value" = "$1" ]
}
slack_before=0   # messages the fake Slack had before the outage (see agent_alerts_steps)
# The fake Slack writes one line per message, {"path": …, "text": <the message's text>, "body": …}.
slack_since() { tail -n +$((slack_before + 1)) "$work/slack.jsonl"; }   # the messages since the outage
slack_count() { # KIND: messages since the outage whose text starts with KIND ("🔴 Firing", "✅ Resolved"), or "all"
  if [ "$1" = all ]; then slack_since | grep -c . || true; else slack_since | grep -cF "\"text\": \"$1" || true; fi
}
slack_has() { [ "$(slack_count "$1")" -ge "$2" ]; }
slack_settled() { # every alert that fired before the outage has been told resolved
  [ "$(slack_count '🔴 Firing')" = "$(slack_count '✅ Resolved')" ]
}
agent_runs() { # vigil_probe_runs_total from the agent's own /metrics (a whole number)
  curl -sf --max-time 2 "http://127.0.0.1:$agent_port/metrics" | awk '$1 == "vigil_probe_runs_total" { printf "%d\n", $2 }'
}
runs_reach() { local n; n=$(agent_runs) && [ -n "$n" ] && [ "$n" -ge "$1" ]; }

agent_pid=''
# start_agent DIR WEBHOOK_URL: vigil run with DIR/probes.json, its state in DIR/state, its log in DIR/agent.log, the Slack
# webhook's URL in its environment (SLACK_WEBHOOK_URL) and the suite's CA as the JVM's trust store, for the fake Slack;
# sets agent_pid, and agent_port once it is ready (scenarios 2 and 7).
start_agent() {
  SLACK_WEBHOOK_URL=$2 \
  VIGIL_JAVA_OPTS="-Djavax.net.ssl.trustStore=$pki/trust.p12 -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=vigil-e2e" \
    "$repo/bin/vigil" run --config "$1/probes.json" --listen 127.0.0.1:0 --state-dir "$1/state" >"$1/agent.log" 2>&1 &
  agent_pid=$!
  started+=("$agent_pid")
  # Port 0: the agent says in its log which port it got.
  agent_port=$(listen_port "$1/agent.log" "$agent_pid" 30 2>>"$1/agent.log")
}
agent_alerts() { # the steps below, then the agent stopped whatever happened
  local status=0
  agent_alerts_steps || status=$?
  if [ -n "$agent_pid" ] && alive "$agent_pid"; then stop_pid "$agent_pid"; fi
  return "$status"
}
agent_alerts_steps() {
  local dir=$work/agent token secret_path runs logs
  mkdir -p "$dir"
  logs=("$dir/agent.log" "$work/slack.jsonl" "$work/nginx/error.log")
  # The webhook's path is its secret: only the agent's environment holds it, and its log must never show it.
  token=$(openssl rand -hex 16)
  secret_path=/services/T0E2E/B0E2E/$token
  cat >"$dir/probes.json" <<EOF
{
  "probes": [
    {"name": "api", "url": "https://localhost:$target_port/health", "interval": "1s", "timeout": "1s",
     "tls": {"caFile": "$pki/ca.pem"}}
  ],
  "outputs": {
    "pushgateway": {"url": "http://127.0.0.1:$pushgateway_port", "job": "vigil_e2e", "groupingLabels": {"instance": "e2e"},
                    "interval": "1s", "timeout": "1s"},
    "slack": [{"name": "oncall", "webhookUrl": "\${SLACK_WEBHOOK_URL}"}],
    "alerts": {"failureThreshold": 2, "successThreshold": 1, "minInterval": "1s"}
  }
}
EOF
  start_agent "$dir" "https://127.0.0.1:$slack_port$secret_path" \
    || { fail "the agent did not become ready" "${logs[@]}"; return; }
  wait_until 30 pg_is 1 || { fail "probe_success never 1 at the Pushgateway (seen: ${pg_values:-none})" "${logs[@]}"; return; }
  # On a busy machine the cold JVM's first runs can outlast their 1 s timeout: probe_success may have been 0 at first,
  # and two such runs fire an alert that the next passing run resolves (minInterval 1s lets the outage's own firing
  # message out all the same). That is the agent telling the truth about its start, not the outage under test, so the
  # counts start from here, once any such alert has been told resolved.
  pg_values=1
  runs=$(agent_runs)
  wait_until 20 eval 'runs_reach $((runs + 2)) && slack_settled' \
    || { fail "the agent's start-up alerts did not settle" "${logs[@]}"; return; }
  slack_before=$(slack_count all)
  [ "$slack_before" = 0 ] || echo "  (note: the agent's cold start fired and resolved an alert before the outage)"
  stop_pid "$nginx_pid"   # the target goes away: connections refused
  wait_until 20 pg_is 0 || { fail "probe_success not 0 at the Pushgateway after nginx stopped (seen: $pg_values)" "${logs[@]}"; return; }
  wait_until 20 slack_has '🔴 Firing' 1 || { fail "no firing message at the fake Slack" "${logs[@]}"; return; }

  start_nginx || { fail "nginx did not start again" "$work/nginx/error.log"; return; }
  wait_until 20 pg_is 1 || { fail "probe_success not 1 again at the Pushgateway (seen: $pg_values)" "${logs[@]}"; return; }
  wait_until 20 slack_has '✅ Resolved' 1 || { fail "no resolved message at the fake Slack" "${logs[@]}"; return; }

  # Anything more would have been sent by now: the route sends one message a second, and these are three more runs.
  runs=$(agent_runs)
  wait_until 20 runs_reach $((runs + 3)) || { fail "the agent stopped running probes (runs: $(agent_runs))" "${logs[@]}"; return; }
  local firing resolved all
  firing=$(slack_count '🔴 Firing') resolved=$(slack_count '✅ Resolved') all=$(slack_count all)
  [ "$firing" = 1 ] && [ "$resolved" = 1 ] && [ "$all" = 2 ] \
    || { fail "Slack got $all messages, $firing firing and $resolved resolved; expected exactly 1 and 1" "${logs[@]}"; return; }
  slack_since | head -n 1 | grep -qF '"text": "🔴 Firing · api · down: connect_refused' \
    || { fail "the firing message does not name the probe and connect_refused" "${logs[@]}"; return; }
  [ "$(grep -c . "$work/slack.jsonl")" = "$(grep -cF "{\"path\": \"$secret_path\", " "$work/slack.jsonl")" ] \
    || { fail "messages went to another path than the webhook's" "${logs[@]}"; return; }
  [ "$pg_values" = "1 0 1" ] || { fail "probe_success at the Pushgateway went $pg_values, expected 1 0 1" "${logs[@]}"; return; }

  stop_pid "$agent_pid"
  [ "$stopped_rc" -eq 143 ] || { fail "the agent exited $stopped_rc after SIGTERM, expected 143" "${logs[@]}"; return; }
  if grep -qF "$token" "$dir/agent.log"; then fail "the agent's log holds the webhook's secret path" "$dir/agent.log"; return; fi
  grep -q "is DOWN" "$dir/agent.log" && grep -q "is UP again" "$dir/agent.log" \
    || { fail "the agent's log lacks the DOWN / UP again lines" "$dir/agent.log"; return; }
}

# --- scenario 3 ---------------------------------------------------------------------------------------------------
# Documented (docs/certificates.md; docs/cli.md, "vigil probe"): the first certificate seen is no event; each new
# serial for the same names and issuer while the old one is far from expiry is a `reissue` (warning: exit 1); every
# certificate of the suite's CA (named like Let's Encrypt's) counts against Let's Encrypt's duplicate-certificate
# limit, by default a bucket of 5 with a warning at 2 or fewer left and critical at none (the probe keys' defaults
# capacity 5, warnAt 2). So certificates 1…5 give:
# 4 left (OK, 0), 3 left (reissue: 1), 2 left (reissue + duplicate_limit warning: 1), 1 left (1), 0 left (critical: 2).
cert_churn() {
  local state=$work/cert-state out i serial codes='' want='0 1 1 1 2' logs=()
  for i in 1 2 3 4 5; do
    out=$work/cert-churn.$i.out
    if [ "$i" -gt 1 ]; then
      issue localhost DNS:localhost,IP:127.0.0.1 90 || { fail "openssl could not issue certificate $i" "$pki/openssl.log"; return; }
      serial=$(openssl x509 -in "$pki/localhost.pem" -noout -serial)
      kill -HUP "$nginx_pid"   # nginx reloads its configuration and certificates; new workers serve the new one
      wait_until 20 eval '[ "$(served_serial 127.0.0.1 "$target_port" localhost)" = "$serial" ]' \
        || { fail "nginx did not serve certificate $i ($serial) after a reload" "$work/nginx/error.log"; return; }
    fi
    probe "$out" --state-dir "$state" --ca-file "$pki/ca.pem" "https://localhost:$target_port/health"
    codes="${codes:+$codes }$rc"
    logs+=("$out")
  done
  [ "$codes" = "$want" ] || { fail "exit codes $codes for certificates 1-5, expected $want" "${logs[@]}"; return; }
  grep -q reissue "$work/cert-churn.1.out" && { fail "the first certificate seen was called a re-issue" "$work/cert-churn.1.out"; return; }
  for i in 2 3 4 5; do
    grep -q 'reissue' "$work/cert-churn.$i.out" || { fail "no reissue event for certificate $i" "$work/cert-churn.$i.out"; return; }
  done
  grep -q 'duplicate_limit' "$work/cert-churn.2.out" && { fail "duplicate_limit told with 3 of 5 left" "$work/cert-churn.2.out"; return; }
  grep -qE 'duplicate_limit.*warning' "$work/cert-churn.3.out" && grep -q '2 of 5 left' "$work/cert-churn.3.out" \
    || { fail "no duplicate_limit warning with 2 of 5 left for certificate 3" "$work/cert-churn.3.out"; return; }
  grep -qE 'duplicate_limit.*critical' "$work/cert-churn.5.out" \
    || { fail "no critical duplicate_limit event for certificate 5" "$work/cert-churn.5.out"; return; }

  out=$work/certs.json
  rc=0; vigil certs --state-dir "$state" --output json >"$out" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || { fail "vigil certs exited $rc" "$out"; return; }
  local check
  check=$(python3 - "$out" "$serial" 2>&1 <<'EOF'
import json, sys
endpoints = json.load(open(sys.argv[1]))   # one object per endpoint (docs/cli.md, "vigil certs")
if len(endpoints) != 1:
    sys.exit(f"{len(endpoints)} endpoints, expected 1")
e = endpoints[0]
want = sys.argv[2].split("=", 1)[1].lower()   # "serial=0EFA…" as openssl prints it; Vigil keeps leading zeros
if e["current"]["serial"].lstrip("0") != want.lstrip("0"):
    sys.exit(f"current serial {e['current']['serial']}, expected {want}")
kinds = [c["kind"] for c in e["changes"]]
if kinds != ["reissue"] * 4:
    sys.exit(f"changes {kinds}, expected 4 reissue")
limit = e["duplicateLimit"]
if (limit["issued168h"], limit["left"], limit["level"]) != (5, 0, "critical"):
    sys.exit(f"duplicateLimit {json.dumps(limit)}, expected 5 issued, 0 left, critical")
EOF
  ) || { fail "vigil certs --output json: $check" "$out"; return; }
}

# --- scenario 4 ---------------------------------------------------------------------------------------------------
# The incident: the load balancer moved to 127.0.0.3, DNS still answers the old 127.0.0.2, where another server with a
# self-signed certificate answers. There is no authoritative server to ask (--no-authoritative).
stale_dns() {
  local out=$work/stale-dns.out url="https://api.vigil.test:$lb_port/health"
  local args=(--resolver "127.0.0.1:$dns_port" --expect-address 127.0.0.3 --no-authoritative --ca-file "$pki/ca.pem")
  probe "$out" "${args[@]}" "$url"
  [ "$rc" -eq 2 ] || { fail "exit $rc with DNS answering the old address, expected 2 (CRITICAL)" "$out" "$work/dnsmasq.log"; return; }
  grep -q 'dns_lb_mismatch' "$out" || { fail "output does not name dns_lb_mismatch" "$out"; return; }
  grep -q 'api.vigil.test resolves to 127.0.0.2 but the load balancer .* is 127.0.0.3: update the A record' "$out" \
    || { fail "output does not say to update the A record" "$out"; return; }
  grep -qE '^ *at +127\.0\.0\.2: cert_untrusted' "$out" \
    || { fail "output does not report the old address's untrusted certificate" "$out"; return; }
  grep -q 'Load balancer 127.0.0.3 serves api.vigil.test correctly; only DNS is stale' "$out" \
    || { fail "output does not say the load balancer itself is fine" "$out"; return; }

  stop_pid "$dnsmasq_pid"   # the A record is fixed
  start_dnsmasq 127.0.0.3 || { fail "dnsmasq did not start again" "$work/dnsmasq.log"; return; }
  out=$work/stale-dns.fixed.out
  probe "$out" "${args[@]}" "$url"
  [ "$rc" -eq 0 ] || { fail "exit $rc with DNS answering the load balancer, expected 0" "$out" "$work/dnsmasq.log"; return; }
  head -n 1 "$out" | grep -q '^OK' || { fail "output does not start with OK" "$out"; return; }
}

# --- scenario 5 ---------------------------------------------------------------------------------------------------
exit_codes() {
  local out=$work/exit-codes.out
  probe "$out" --timeout 5s "https://127.0.0.1:$closed_port/health"   # a held port: nothing listens there
  [ "$rc" -eq 2 ] || { fail "exit $rc for a closed port, expected 2 (CRITICAL)" "$out"; return; }
  grep -q connect_refused "$out" || { fail "a closed port is not connect_refused" "$out"; return; }
  probe "$out" --no-such-flag "https://localhost:$target_port/health"
  [ "$rc" -eq 3 ] || { fail "exit $rc for a bad flag, expected 3 (UNKNOWN)" "$out"; return; }
}

# --- the run ------------------------------------------------------------------------------------------------------
setup() {
  [ -f "$repo/target/vigil.jar" ] || { fail "target/vigil.jar not found: build it first (mvn -B package -DskipTests)"; return; }
  vigil --version >"$work/version.out" 2>&1 || { fail "bin/vigil --version failed" "$work/version.out"; return; }
  install_missing || { fail "the services it needs are not installed" "$work/apt.log"; return; }
  nginx=$(find_bin nginx) dnsmasq=$(find_bin dnsmasq) pushgateway=$(find_bin prometheus-pushgateway)
  free_ports target_port lb_port pushgateway_port slack_port dns_port closed_port shop_port \
    || { fail "python3 could not hold loopback ports" "$work/ports"; return; }
  make_pki || { fail "openssl or keytool could not make the certificates" "$pki/openssl.log"; return; }
  start_nginx || { fail "nginx did not start" "$work/nginx/error.log"; return; }
  start_pushgateway || { fail "the Pushgateway did not start" "$work/pushgateway.log"; return; }
  start_slack || { fail "the fake Slack did not start" "$work/slack.log"; return; }
  start_dnsmasq 127.0.0.2 || { fail "dnsmasq did not start" "$work/dnsmasq.log"; return; }
  echo "e2e: $(head -n 1 "$work/version.out"); $("$nginx" -v 2>&1); dnsmasq $("$dnsmasq" --version | awk 'NR == 1 { print $3 }');" \
    "pushgateway $("$pushgateway" --version 2>&1 | awk 'NR == 1 { print $3 }'); work folder $work"
}

scn_name=setup
if setup; then
  scenario healthy healthy
  scenario agent-alerts agent_alerts
  scenario cert-churn cert_churn
  scenario stale-dns stale_dns
  scenario exit-codes exit_codes
  source "$repo/e2e/starttls.sh"   # scenario 6: starttls-postgres, vigil probe --starttls postgres against PostgreSQL
  source "$repo/e2e/incident.sh"   # scenario 7: incident, the churn, the fallback and stale DNS through vigil run
else
  failed=$((failed + 1))
fi
echo "e2e: took $(since $((suite_start / 1000)))"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
