#!/usr/bin/env bash
# Proves the files in examples/prometheus/ with Debian's real prometheus and promtool:
#  1. promtool: scrape.yml and pushgateway-job.yml are valid configs, vigil-rules.yml and fleet-rules.yml valid rules,
#     and their unit tests (vigil-rules.test.yml, fleet-rules.test.yml) pass;
#  2. a real agent (bin/vigil run) probes a loopback HTTPS server (a Let's Encrypt-named test CA, so the duplicate-
#     certificate limit counts), through dnsmasq answering a stale address for a second probe (DNS against the load
#     balancer), and pushes to a real Pushgateway; its certificate is re-issued twice meanwhile;
#  3. a real prometheus scrapes the agent with scrape.yml's job and the Pushgateway with pushgateway-job.yml's, every
#     second, and evaluates vigil-rules.yml: both jobs keep the probed URL as `instance`, every rule evaluates, the
#     rules this setup should trigger are pending or firing, and every query of grafana-dashboard.json (its template
#     variables substituted as Grafana would) returns data.
# Needs prometheus, promtool, amtool (prometheus-alertmanager), prometheus-pushgateway, dnsmasq, openssl, curl,
# python3, target/vigil.jar and a JDK 21+ (JAVA_HOME or the PATH's java). Loopback only; ports come from the kernel;
# takes about 20 s. PROM_CHECK_KEEP=1 keeps the work folder. Also checks examples/kubernetes/fleet's Alertmanager route
# (amtool) and that its StatefulSet runs one pod per shard.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
here=examples/prometheus
source examples/prometheus/lib.sh
check_setup check.sh vigil-prom
chmod 755 "$work"   # dnsmasq drops privileges
find_bin() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; }; }
for tool in prometheus promtool amtool prometheus-pushgateway dnsmasq openssl curl python3; do
  find_bin "$tool" >/dev/null || die "$tool is not installed (Debian: prometheus, prometheus-pushgateway, dnsmasq-base)"
done
[ -f target/vigil.jar ] || die "target/vigil.jar is missing; build it first (mvn -B package -DskipTests)"

# --- 1. promtool ---------------------------------------------------------------------------------------------------
promtool check config --syntax-only "$here/scrape.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check config scrape.yml" "$work/promtool.log"
promtool check config --syntax-only "$here/pushgateway-job.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check config pushgateway-job.yml" "$work/promtool.log"
promtool check rules "$here/vigil-rules.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check rules vigil-rules.yml" "$work/promtool.log"
(cd "$here" && promtool test rules vigil-rules.test.yml) >"$work/promtool.log" 2>&1 \
  || die "promtool test rules vigil-rules.test.yml" "$work/promtool.log"
promtool check rules "$here/fleet-rules.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check rules fleet-rules.yml" "$work/promtool.log"
(cd "$here" && promtool test rules fleet-rules.test.yml) >"$work/promtool.log" 2>&1 \
  || die "promtool test rules fleet-rules.test.yml" "$work/promtool.log"
pass "promtool: scrape.yml and pushgateway-job.yml are valid configs; vigil-rules.yml and fleet-rules.yml valid," \
  "their unit tests pass"

# The fleet's Alertmanager route is a valid Alertmanager config; its StatefulSet runs one pod per shard.
fleet=examples/kubernetes/fleet
amtool check-config "$fleet/alertmanager.yml" >"$work/amtool.log" 2>&1 \
  || die "amtool check-config $fleet/alertmanager.yml" "$work/amtool.log"
pods=$(sed -n 's/^  replicas: \([0-9]*\).*/\1/p' "$fleet/base/statefulset.yaml")
shards=$(sed -n 's/.*"shard": { "count": \([0-9]*\) }.*/\1/p' "$fleet/base/configmap.yaml")
[ -n "$pods" ] && [ "$pods" = "$shards" ] \
  || die "$fleet: the StatefulSet's replicas ($pods) are not the ConfigMap's shard count ($shards)"
pass "amtool: $fleet/alertmanager.yml is valid; the fleet's StatefulSet runs one pod per shard ($pods)"

# The PodMonitor's selector and port are the Kubernetes example's.
grep -q 'app.kubernetes.io/name: payments-api' examples/kubernetes/deployment.yaml \
  && grep -qE '^ *- name: metrics$' examples/kubernetes/deployment.yaml \
  && grep -qE '^ *app.kubernetes.io/name: payments-api' "$here/podmonitor.yaml" \
  && grep -qE '^ *- port: metrics' "$here/podmonitor.yaml" && grep -qE '^ *honorLabels: true' "$here/podmonitor.yaml" \
  || die "podmonitor.yaml does not select examples/kubernetes/deployment.yaml's pods and port 'metrics'" \
    "with honorLabels"
pass "podmonitor.yaml selects the Kubernetes example's pods and port, with honorLabels"

# --- 2. the agent and what it probes -------------------------------------------------------------------------------
hold_ports "$work/ports" tls_port dns_port pushgateway_port prometheus_port -- 127.0.0.1 127.0.0.2 \
  || die "python3 could not hold loopback ports" "$work/ports"
started+=("$held_ports_pid")

pki=$work/pki
mkdir -p "$pki"
# Named like Let's Encrypt's issuers: the duplicate-certificate limit counts only that CA's certificates.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
  -subj "/C=US/O=Let's Encrypt/CN=Vigil Prometheus check CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>>"$pki/openssl.log" || die "openssl: the CA" "$pki/openssl.log"
printf '%s\n' "subjectAltName=DNS:localhost,DNS:app.vigil.test,IP:127.0.0.1" basicConstraints=critical,CA:FALSE \
  keyUsage=critical,digitalSignature extendedKeyUsage=serverAuth >"$pki/leaf.ext"
issue() { # a new leaf (90 days, as Let's Encrypt's: replacing it long before expiry is a re-issue)
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$pki/leaf.key" -out "$pki/leaf.csr" 2>>"$pki/openssl.log" \
    && openssl x509 -req -in "$pki/leaf.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
      -set_serial "0x$(openssl rand -hex 16)" -days 90 -sha256 -extfile "$pki/leaf.ext" -out "$pki/leaf.pem" \
      2>>"$pki/openssl.log" || die "openssl: a leaf" "$pki/openssl.log"
}
tls_pid=''
start_tls() {
  python3 "$here/tls_server.py" "$tls_port" "$pki/leaf.pem" "$pki/leaf.key" >>"$work/tls.log" 2>&1 &
  tls_pid=$!
  started+=("$tls_pid")
  wait_port 127.0.0.1 "$tls_port" 20 "$tls_pid" || die "the HTTPS server did not start" "$work/tls.log"
}
issue
start_tls

# dnsmasq answers the stale address 127.0.0.2 for app.vigil.test, where the load balancer is 127.0.0.1.
"$(find_bin dnsmasq)" --no-daemon --conf-file=/dev/null --port="$dns_port" --listen-address=127.0.0.1 \
  --bind-interfaces --no-resolv --no-hosts --local=/vigil.test/ --host-record=app.vigil.test,127.0.0.2 \
  --local-ttl=60 --pid-file="$work/dnsmasq.pid" --user=root --log-facility=- >"$work/dnsmasq.log" 2>&1 &
started+=("$!")
wait_port 127.0.0.1 "$dns_port" 20 "$!" || die "dnsmasq did not start" "$work/dnsmasq.log"

# --persistence.file= keeps it in memory.
prometheus-pushgateway --web.listen-address="127.0.0.1:$pushgateway_port" --persistence.file= --log.level=warn \
  >"$work/pushgateway.log" 2>&1 &
pushgateway_pid=$!
started+=("$pushgateway_pid")
wait_until 20 -p "$pushgateway_pid" curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$pushgateway_port/-/ready" \
  || die "the Pushgateway did not start" "$work/pushgateway.log"

cat >"$work/probes.json" <<JSON
{
  "defaults": { "interval": "1s", "timeout": "1s", "tls": { "caFile": "$pki/ca.pem" }, "labels": { "env": "ci" } },
  "probes": [
    { "name": "app", "url": "https://localhost:$tls_port/", "ipFamily": "ipv4" },
    {
      "name": "app-dns",
      "url": "https://app.vigil.test:$tls_port/",
      "dns": { "resolvers": ["127.0.0.1:$dns_port"], "authoritative": false, "expect": { "addresses": ["127.0.0.1"] } }
    }
  ],
  "outputs": {
    "pushgateway": {
      "url": "http://127.0.0.1:$pushgateway_port", "job": "vigil-pushed", "interval": "1s", "timeout": "1s"
    }
  }
}
JSON
bin/vigil run --config "$work/probes.json" --listen 127.0.0.1:0 --state-dir "$work/state" 2>"$work/agent.log" &
agent_pid=$!
started+=("$agent_pid")
agent_port=$(listen_port "$work/agent.log" "$agent_pid") || die "the agent did not start" "$work/agent.log"
pass "agent on 127.0.0.1:$agent_port probing https://localhost:$tls_port/ and, through dnsmasq, app.vigil.test"

# --- 3. prometheus -------------------------------------------------------------------------------------------------
# The shipped jobs, as they are, but for their targets and a 1 s interval; the rules file as shipped.
{
  printf '%s\n' 'global:' '  scrape_interval: 1s' '  evaluation_interval: 1s' 'rule_files:' \
    "  - $repo/$here/vigil-rules.yml"
  sed -e "s|- targets: \[.*\]|- targets: [\"127.0.0.1:$agent_port\"]|" -e 's|scrape_interval: .*|scrape_interval: 1s|' \
    -e 's|scrape_timeout: .*|scrape_timeout: 1s|' "$here/scrape.yml"
  sed -e '/^scrape_configs:/d' -e "s|- targets: \[.*\]|- targets: [\"127.0.0.1:$pushgateway_port\"]|" \
    -e 's|scrape_interval: .*|scrape_interval: 1s|' "$here/pushgateway-job.yml"
  # What scrape.yml's comment says happens without honor_labels, shown on the same agent.
  printf '%s\n' '  - job_name: vigil-without-honor-labels' '    static_configs:' \
    "      - targets: [\"127.0.0.1:$agent_port\"]"
} >"$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check config: scrape.yml and pushgateway-job.yml in one prometheus.yml" "$work/promtool.log"
pass "promtool: scrape.yml's and pushgateway-job.yml's jobs and vigil-rules.yml in one prometheus.yml"

start_prometheus
has() { python3 "$here/promql.py" "$prom" has "$1"; }   # QUERY returns data
await() { # SECONDS QUERY WHAT: until QUERY returns data
  wait_until "$1" -p "$prometheus_pid" has "$2" \
    || die "$3: no data for $2 within $1 s" "$work/prometheus.log" "$work/agent.log"
}
url="https://localhost:$tls_port/"
await 30 'up{job="vigil"} == 1' "prometheus scraping the agent"
await 20 'up{job="pushgateway"} == 1' "prometheus scraping the Pushgateway"
await 20 "probe_success{job=\"vigil\",instance=\"$url\",probe=\"app\"}" "scrape.yml (honor_labels) keeping instance"
await 20 "probe_success{job=\"vigil-pushed\",instance=\"$url\",probe=\"app\",exported_instance=\"\"}" \
  "pushgateway-job.yml restoring instance"
renamed='{job!="vigil-without-honor-labels",exported_instance!=""}'
! has "$renamed" \
  || die "exported_instance left: $(curl -s "$prom/api/v1/series" --get --data-urlencode "match[]=$renamed")"
without='job="vigil-without-honor-labels"'
await 20 "probe_success{$without,instance=\"127.0.0.1:$agent_port\",exported_instance=\"$url\"}" \
  "a job without honor_labels renaming instance"
await 20 'count by (instance) (probe_success{job="vigil-without-honor-labels"}) == 2' \
  "a job without honor_labels giving both probes one instance"
pass "scrape.yml's and pushgateway-job.yml's jobs keep the probed URL as instance (without honor_labels:" \
  "exported_instance)"

# Two re-issues: the certificate history, the churn and the limit (3 of 5 used) get something to show.
not_before() { date -u -d "$(openssl x509 -noout -startdate -in "$pki/leaf.pem" | cut -d= -f2)" +%s; }
later_than() { [ "$(date +%s)" -gt "$1" ]; }   # SECONDS: the clock is past that second
for round in 1 2; do
  served=$(not_before)
  await 20 "vigil_cert_not_before_timestamp_seconds{job=\"vigil\",probe=\"app\"} == $served" \
    "the certificate before re-issue $round"
  # The churn rule counts changes of notBefore, which has whole seconds: the next certificate starts a second later.
  wait_until 5 later_than "$served" || die "the clock did not pass $served within 5 s"
  stop_pid "$tls_pid"
  issue
  start_tls
  await 20 "vigil_cert_changes_total{job=\"vigil\",probe=\"app\",kind=\"reissue\"} >= $round" "re-issue $round"
done
pass "the certificate re-issued twice, seen as re-issues"

python3 "$here/promql.py" "$prom" dashboard "$here/grafana-dashboard.json" 30 >"$work/dashboard.log" 2>&1 \
  || die "grafana-dashboard.json: a query returns no data" "$work/dashboard.log"
cat "$work/dashboard.log"
pass "every query of grafana-dashboard.json returns data"

python3 "$here/promql.py" "$prom" rules >"$work/rules.log" 2>&1 || die "vigil-rules.yml in prometheus" "$work/rules.log"
expected=(VigilProbeDown VigilDnsNotAtLoadBalancer VigilCertificateReissueChurn VigilDuplicateCertificateLimitLow)
wait_until 20 -p "$prometheus_pid" python3 "$here/promql.py" "$prom" alerts "${expected[@]}" >"$work/alerts.log" 2>&1 \
  || die "the alerts this setup triggers" "$work/alerts.log"
if python3 "$here/promql.py" "$prom" alerts VigilConfigReloadFailed >/dev/null 2>&1 \
  || python3 "$here/promql.py" "$prom" alerts VigilPushFailing >/dev/null 2>&1; then
  die "an alert is active that should not be: $(curl -s "$prom/api/v1/alerts")"
fi
pass "$(cat "$work/rules.log"); active as they should: ${expected[*]}"

echo "examples/prometheus/check.sh: all checks passed in $(( ($(now_ms) - start_ms) / 1000 )) s"
