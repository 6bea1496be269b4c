#!/usr/bin/env bash
# Proves Vigil's /probe as a blackbox_exporter with Debian's real prometheus and prometheus-blackbox-exporter:
#  1. promtool: blackbox-job.yml is a valid config and blackbox-rules.yml valid rules;
#  2. six loopback HTTPS targets (probe_targets.py): healthy; refusing connections; slow to handshake (0.8 s); a
#     certificate expiring in 10 days; one expiring in 1 day; one expired the day before (probed with an insecure
#     module, as the community rule's comment says);
#  3. a real prometheus scrapes them through blackbox-job.yml's relabeling twice: via a real agent's /probe (bin/vigil
#     run) and via a real blackbox_exporter with the same modules, and evaluates blackbox-rules.yml (a copy with the
#     slow thresholds at 0.5 s and `for: 0s`, so the check takes seconds, not minutes): every rule is pending or firing
#     on exactly the expected targets, the same for Vigil's series as for blackbox_exporter's.
# Needs prometheus, promtool, prometheus-blackbox-exporter, openssl, curl, python3, target/vigil.jar and a JDK 21+.
# Loopback only; ports come from the kernel; takes about 20 s. PROM_CHECK_KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=examples/prometheus
source examples/prometheus/lib.sh
check_setup probe-check.sh vigil-probe
for tool in prometheus promtool prometheus-blackbox-exporter openssl curl python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: prometheus, prometheus-blackbox-exporter)"
done
[ -f target/vigil.jar ] || die "target/vigil.jar is missing; build it first (mvn -B package -DskipTests)"

# --- 1. promtool ---------------------------------------------------------------------------------------------------
promtool check config --syntax-only "$here/blackbox-job.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check config blackbox-job.yml" "$work/promtool.log"
promtool check rules "$here/blackbox-rules.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check rules blackbox-rules.yml" "$work/promtool.log"
pass "promtool: blackbox-job.yml is a valid config, blackbox-rules.yml valid rules"

# --- 2. the targets ------------------------------------------------------------------------------------------------
# down_port is held and never listened on: connections to it are refused.
hold_ports "$work/ports" ok_port down_port slow_port soon_port crit_port expired_port blackbox_port prometheus_port \
  || die "python3 could not hold loopback ports" "$work/ports"
started+=("$held_ports_pid")

pki=$work/pki
mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj "/CN=Vigil probe check CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>>"$pki/openssl.log" || die "openssl: the CA" "$pki/openssl.log"
printf '%s\n' "subjectAltName=DNS:localhost" basicConstraints=critical,CA:FALSE keyUsage=critical,digitalSignature \
  extendedKeyUsage=serverAuth >"$pki/leaf.ext"
issue() { # NAME DAYS: a leaf for localhost valid DAYS days from now (-1: it expired a day ago)
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$pki/$1.key" -out "$pki/$1.csr" 2>>"$pki/openssl.log" \
    && openssl x509 -req -in "$pki/$1.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
      -set_serial "0x$(openssl rand -hex 16)" -days "$2" -sha256 -extfile "$pki/leaf.ext" -out "$pki/$1.pem" \
      2>>"$pki/openssl.log" || die "openssl: the $1 leaf" "$pki/openssl.log"
}
issue ok 90
issue soon 10
issue crit 1
issue expired -1
python3 "$here/probe_targets.py" "$ok_port:$pki/ok.pem:$pki/ok.key:0" "$slow_port:$pki/ok.pem:$pki/ok.key:0.8" \
  "$soon_port:$pki/soon.pem:$pki/soon.key:0" "$crit_port:$pki/crit.pem:$pki/crit.key:0" \
  "$expired_port:$pki/expired.pem:$pki/expired.key:0" >"$work/targets.log" 2>&1 &
targets_pid=$!
started+=("$targets_pid")
for port in "$ok_port" "$slow_port" "$soon_port" "$crit_port" "$expired_port"; do
  wait_port 127.0.0.1 "$port" 20 "$targets_pid" || die "the HTTPS targets did not start" "$work/targets.log"
done
url() { echo "https://localhost:$1/"; }
declare -A target=([ok]=$(url "$ok_port") [down]=$(url "$down_port") [slow]=$(url "$slow_port")
  [soon]=$(url "$soon_port") [crit]=$(url "$crit_port") [expired]=$(url "$expired_port"))
pass "targets: ${target[*]}"

# --- 3. the two exporters with the same modules, and prometheus ----------------------------------------------------
allowed=$(printf '"%s", ' "${target[ok]}" "${target[down]}" "${target[slow]}" "${target[soon]}" "${target[crit]}")
# Modules only, as a blackbox_exporter: the agent schedules nothing of its own.
cat >"$work/probes.json" <<JSON
{
  "modules": {
    "http_2xx": {
      "timeout": "5s", "ipFamily": "ipv4", "tls": { "caFile": "$pki/ca.pem" },
      "allowedTargets": [${allowed%, }]
    },
    "http_insecure": {
      "timeout": "5s", "ipFamily": "ipv4", "tls": { "insecure": true }, "allowedTargets": ["${target[expired]}"]
    }
  }
}
JSON
bin/vigil run --config "$work/probes.json" --listen 127.0.0.1:0 --state-dir "$work/state" 2>"$work/agent.log" &
agent_pid=$!
started+=("$agent_pid")
agent_port=$(listen_port "$work/agent.log" "$agent_pid") || die "the agent did not start" "$work/agent.log"

cat >"$work/blackbox.yml" <<YAML
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      tls_config:
        ca_file: $pki/ca.pem
  http_insecure:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      tls_config:
        insecure_skip_verify: true
YAML
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$blackbox_port" \
  --log.level=warn >"$work/blackbox.log" 2>&1 &
blackbox_pid=$!
started+=("$blackbox_pid")
wait_until 20 -p "$blackbox_pid" curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$blackbox_port/-/healthy" \
  || die "blackbox_exporter did not start" "$work/blackbox.log"
pass "agent on 127.0.0.1:$agent_port, blackbox_exporter on 127.0.0.1:$blackbox_port"

job() { # NAME MODULE EXPORTER_PORT TARGET…: blackbox-job.yml's job as shipped but for these
  local name=$1 module=$2 port=$3 list='' t
  shift 3
  for t in "$@"; do list+="          - $t\\n"; done
  sed -e '/^scrape_configs:/d' -e "s|job_name: .*|job_name: $name|" -e "s|module: \[.*\]|module: [$module]|" \
    -e 's|scrape_interval: .*|scrape_interval: 2s|' -e 's|scrape_timeout: .*|scrape_timeout: 2s|' \
    -e "s|^          - https://www.example.com/\$|${list%\\n}|" -e "s|replacement: .*|replacement: 127.0.0.1:$port|" \
    "$here/blackbox-job.yml"
}
sed -e 's/) > 1'"'"'$/) > 0.5'"'"'/' -e 's/for: 1m/for: 0s/' "$here/blackbox-rules.yml" >"$work/blackbox-rules.yml"
grep -c "> 0.5'" "$work/blackbox-rules.yml" | grep -qx 2 || die "the test copy of blackbox-rules.yml lowered no thresholds"
secure=("${target[ok]}" "${target[down]}" "${target[slow]}" "${target[soon]}" "${target[crit]}")
{
  printf '%s\n' 'global:' '  evaluation_interval: 1s' 'rule_files:' "  - $work/blackbox-rules.yml" 'scrape_configs:'
  job vigil http_2xx "$agent_port" "${secure[@]}"
  job vigil-insecure http_insecure "$agent_port" "${target[expired]}"
  job blackbox http_2xx "$blackbox_port" "${secure[@]}"
  job blackbox-insecure http_insecure "$blackbox_port" "${target[expired]}"
} >"$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >"$work/promtool.log" 2>&1 \
  || die "promtool check config: blackbox-job.yml's job for both exporters" "$work/promtool.log"

start_prometheus
wait_until 30 -p "$prometheus_pid" python3 "$here/promql.py" "$prom" has 'count(up == 1) == 12' \
  || die "prometheus did not scrape all 12 targets: $(curl -s "$prom/api/v1/query" --get \
    --data-urlencode 'query=up == 0')" "$work/agent.log" "$work/blackbox.log"
pass "prometheus scrapes the 6 targets through both exporters' /probe"

# Each exporter's active alerts as "alertname severity target", and what they must be.
cat >"$work/expected" <<EOF_EXPECTED
BlackboxProbeFailed critical ${target[down]}
BlackboxProbeHttpFailure critical ${target[down]}
BlackboxProbeSlowHttp warning ${target[slow]}
BlackboxSlowProbe warning ${target[slow]}
BlackboxSslCertificateExpired critical ${target[expired]}
BlackboxSslCertificateWillExpireSoon critical ${target[crit]}
BlackboxSslCertificateWillExpireSoon warning ${target[soon]}
EOF_EXPECTED
active() { # EXPORTER: the alerts pending or firing on its series, sorted
  curl -sf --max-time 5 "$prom/api/v1/alerts" | python3 -c '
import json, sys
exporter = sys.argv[1]
for a in json.load(sys.stdin)["data"]["alerts"]:
    l = a["labels"]
    if a["state"] in ("pending", "firing") and l["job"].split("-")[0] == exporter:
        print(l["alertname"], l["severity"], l["instance"])' "$1" | sort
}
both_as_expected() {
  active vigil >"$work/vigil.alerts" && active blackbox >"$work/blackbox.alerts" \
    && cmp -s "$work/vigil.alerts" "$work/expected" && cmp -s "$work/blackbox.alerts" "$work/expected"
}
if ! wait_until 60 -p "$prometheus_pid" both_as_expected; then
  echo "expected:" >&2; cat "$work/expected" >&2
  echo "Vigil's:" >&2; cat "$work/vigil.alerts" >&2
  echo "blackbox_exporter's:" >&2; cat "$work/blackbox.alerts" >&2
  die "the community rules are not active on the expected targets for both exporters" "$work/agent.log"
fi
sed 's/^/  /' "$work/expected"
pass "every community rule is active on exactly these targets, for Vigil's /probe as for blackbox_exporter's"

echo "examples/prometheus/probe-check.sh: all checks passed in $(( ($(now_ms) - start_ms) / 1000 )) s"
