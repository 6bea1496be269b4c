# Scenario 7, sourced by e2e/run.sh after its other scenarios: the incident Vigil was built for (issue 15), replayed
# against real nginx and dnsmasq through `vigil run` and the fake Slack.
#
#   incident  The agent probes https://shop.vigil.test:P/health every second through dnsmasq, the load balancer expected
#             at 127.0.0.3 (dns.expect.addresses), with a Slack route to the fake Slack and failureThreshold 1. Then:
#             1. churn     nginx at 127.0.0.3 is reloaded with five certificates for {shop.vigil.test,
#                          www.shop.vigil.test} from the suite's CA (named like Let's Encrypt's), their notBefore 30 min
#                          apart from 2 h 10 m ago, as an ingress that loses its ACME storage at each restart gets them
#             2. fallback  reloaded with the ingress's self-signed default certificate: the CA refuses the set
#             3. stale DNS the A record goes back to the old load balancer, 127.0.0.2 (an ingress with its default
#                          certificate answers there), while the load balancer is 127.0.0.3
#             4. recovery  a certificate for the same names from another CA (the probe trusts both) and the A record
#                          fixed
#             Asserted at the fake Slack, stage by stage (each stage's messages are those that arrived before the next
#             stage began; see incident_settle): the churn warning ("… is probably not persistent") before the fallback;
#             at the fallback one critical firing message whose text starts with the CA's refusal; the DNS firing
#             message naming 127.0.0.2 and "update the A record"; the resolved messages of both after the recovery.
#             A block marked INTENDED asserts what the alert grouping of issue 15 changes (one message per incident).
#
# Uses run.sh's helpers and services (scenario, fail, issue, served_serial, start_agent, agent_runs, runs_reach,
# stop_pid, wait_until; nginx_pid, dnsmasq_pid, slack_port, dns_port, shop_port).

incident() { # the steps below, then the agent stopped whatever happened
  local status=0
  agent_pid=''
  incident_steps || status=$?
  if [ -n "$agent_pid" ] && alive "$agent_pid"; then stop_pid "$agent_pid"; fi
  return "$status"
}

# incident_serve FILE: nginx's shop server serves $pki/FILE.pem (and .key) once reloaded; waits until it does.
incident_serve() {
  local serial
  if [ "$1" != shop.vigil.test ]; then   # copied, then renamed into place: a reload never reads half a file
    cp "$pki/$1.key" "$pki/shop.vigil.test.key.new" && cp "$pki/$1.pem" "$pki/shop.vigil.test.pem.new" \
      && mv -f "$pki/shop.vigil.test.key.new" "$pki/shop.vigil.test.key" \
      && mv -f "$pki/shop.vigil.test.pem.new" "$pki/shop.vigil.test.pem" || return 1
  fi
  serial=$(openssl x509 -in "$pki/shop.vigil.test.pem" -noout -serial) || return 1
  kill -HUP "$nginx_pid"   # as `nginx -s reload`: new workers serve the new certificate
  wait_until 20 eval '[ "$(served_serial 127.0.0.3 "$shop_port" shop.vigil.test)" = "$serial" ]'
}

# incident_a_record ADDRESS: dnsmasq answers ADDRESS for shop.vigil.test; it reads its hosts file again on SIGHUP.
incident_a_record() {
  local reads
  reads=$(grep -c "read $work/hosts" "$work/dnsmasq.log" || true)
  echo "$1 shop.vigil.test" >"$work/hosts.new" && mv -f "$work/hosts.new" "$work/hosts" || return 1
  kill -HUP "$dnsmasq_pid"
  wait_until 20 eval '[ "$(grep -c "read $work/hosts" "$work/dnsmasq.log")" -gt "$reads" ]'
}

# incident_seen NOT_BEFORE: the agent's last run recorded the certificate whose notBefore is NOT_BEFORE (epoch seconds).
incident_seen() {
  curl -sf --max-time 2 "http://127.0.0.1:$agent_port/metrics" \
    | awk -v want="$1" '/^vigil_cert_not_before_timestamp_seconds\{/ && /probe="shop"/ { if ($NF + 0 == want) found = 1 }
                        END { exit !found }'
}

incident_lines() { grep -c . "$work/slack.jsonl" || true; }   # the messages the fake Slack has received
# incident_got MARK TEXT: a message after the first MARK ones holds TEXT
incident_got() { tail -n +$(($1 + 1)) "$work/slack.jsonl" | grep -qF -- "$2"; }
# incident_told: the alert messages the agent decided to send so far (one "alert firing|reminder|resolved|event" log
# line each; the Slack route is its only route).
incident_told() { grep -c ' alert \(firing\|reminder\|resolved\|event\) ' "$work/incident/agent.log" || true; }
# incident_delivered: the fake Slack has every message the agent decided to send.
incident_delivered() { [ "$(incident_lines)" -ge "$(incident_told)" ]; }
# incident_settle: until the agent has decided and delivered everything a stage makes it send: three runs in a row
# decide nothing new (each run decides its messages before the next starts), then the fake Slack has them all, however
# slowly the route delivers. Fails after 30 s.
incident_settle() {
  local deadline=$(( $(now_ms) + 30000 )) told runs
  while [ "$(now_ms)" -lt "$deadline" ]; do
    told=$(incident_told) runs=$(agent_runs) || return 1
    wait_until 20 runs_reach $((runs + 3)) || return 1
    [ "$(incident_told)" != "$told" ] || { wait_until 30 incident_delivered; return; }
  done
  return 1
}

incident_steps() {
  local dir=$work/incident first i at marks=() logs
  mkdir -p "$dir"
  logs=("$dir/agent.log" "$work/slack.jsonl" "$work/dnsmasq.log" "$work/nginx/error.log")
  # The recovery's CA: another one, which the limits do not count, trusted by the probe as well.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/O=Vigil E2E Other CA/CN=Vigil E2E Other CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$pki/other.key" -out "$pki/other.pem" 2>>"$pki/openssl.log" \
    || { fail "openssl could not make the other CA" "$pki/openssl.log"; return; }
  cat "$pki/ca.pem" "$pki/other.pem" >"$dir/cas.pem"

  # Five certificates 30 min apart, the last 10 min ago: the limit's next token returns 34 h after the first.
  first=$(( $(date +%s) - 130 * 60 ))
  issue shop.vigil.test DNS:shop.vigil.test,DNS:www.shop.vigil.test 90 "$first" \
    || { fail "openssl ca could not issue a backdated certificate" "$pki/openssl.log"; return; }
  incident_serve shop.vigil.test || { fail "nginx did not serve the first certificate" "$work/nginx/error.log"; return; }
  incident_a_record 127.0.0.3 || { fail "dnsmasq did not read its hosts file again" "$work/dnsmasq.log"; return; }

  cat >"$dir/probes.json" <<EOF
{
  "probes": [
    {"name": "shop", "url": "https://shop.vigil.test:$shop_port/health", "interval": "1s", "timeout": "1s",
     "tls": {"caFile": "$dir/cas.pem"},
     "dns": {"resolvers": ["127.0.0.1:$dns_port"], "authoritative": false, "expect": {"addresses": ["127.0.0.3"]}}}
  ],
  "outputs": {
    "slack": [{"name": "oncall", "webhookUrl": "\${SLACK_WEBHOOK_URL}"}],
    "alerts": {"failureThreshold": 1, "successThreshold": 1, "minInterval": "1s"}
  }
}
EOF
  start_agent "$dir" "https://127.0.0.1:$slack_port/services/T0E2E/B0E2E/incident" \
    || { fail "the agent did not become ready" "${logs[@]}"; return; }
  wait_until 30 incident_seen "$first" || { fail "the agent never recorded the first certificate" "${logs[@]}"; return; }
  # A cold JVM's first runs may outlast their 1 s timeout and fire `down` (failureThreshold 1); that is the agent's
  # start, not the incident: its messages are left out, as scenario 2 does.
  incident_settle || { fail "the agent's start-up messages did not settle" "${logs[@]}"; return; }
  marks+=("$(incident_lines)")

  # 1. churn: four re-issues, each loaded by a reload, each seen by a run of the agent.
  for i in 2 3 4 5; do
    at=$(( first + (i - 1) * 1800 ))
    issue shop.vigil.test DNS:shop.vigil.test,DNS:www.shop.vigil.test 90 "$at" \
      || { fail "openssl ca could not issue certificate $i" "$pki/openssl.log"; return; }
    incident_serve shop.vigil.test || { fail "nginx did not serve certificate $i" "$work/nginx/error.log"; return; }
    wait_until 20 incident_seen "$at" || { fail "the agent never recorded certificate $i" "${logs[@]}"; return; }
  done
  incident_settle || { fail "the churn's messages did not settle" "${logs[@]}"; return; }
  marks+=("$(incident_lines)")

  # 2. fallback: the ingress's self-signed default certificate, the one the old address serves too.
  incident_serve stale || { fail "nginx did not serve its default certificate" "$work/nginx/error.log"; return; }
  wait_until 20 incident_got "${marks[-1]}" '· shop · certificate invalid' \
    || { fail "no certificate-invalid message after the fallback" "${logs[@]}"; return; }
  incident_settle || { fail "the fallback's messages did not settle" "${logs[@]}"; return; }
  marks+=("$(incident_lines)")

  # 3. stale DNS: the A record answers the old load balancer's address.
  incident_a_record 127.0.0.2 || { fail "dnsmasq did not read its hosts file again" "$work/dnsmasq.log"; return; }
  wait_until 20 incident_got "${marks[-1]}" 'Firing · shop · DNS not pointing at the load balancer' \
    || { fail "no DNS message with the stale A record" "${logs[@]}"; return; }
  incident_settle || { fail "the stale record's messages did not settle" "${logs[@]}"; return; }
  marks+=("$(incident_lines)")

  # 4. recovery: a certificate for the same names from a CA that the limits do not count, and the A record fixed.
  ca=other issue shop.vigil.test DNS:shop.vigil.test,DNS:www.shop.vigil.test 90 \
    || { fail "openssl could not issue the other CA's certificate" "$pki/openssl.log"; return; }
  incident_serve shop.vigil.test || { fail "nginx did not serve the other CA's certificate" "$work/nginx/error.log"; return; }
  incident_a_record 127.0.0.3 || { fail "dnsmasq did not read its hosts file again" "$work/dnsmasq.log"; return; }
  wait_until 20 incident_got "${marks[-1]}" '✅ Resolved · shop · DNS not pointing at the load balancer' \
    || { fail "no resolved DNS message after the recovery" "${logs[@]}"; return; }
  incident_settle || { fail "the recovery's messages did not settle" "${logs[@]}"; return; }
  marks+=("$(incident_lines)")

  # The checks, on the messages of each stage as the fake Slack recorded them.
  local check
  check=$(python3 - "$work/slack.jsonl" "$first" "${marks[@]}" 2>&1 <<'EOF'
import json, sys, time
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
first = int(sys.argv[2])
m = [int(x) for x in sys.argv[3:]]
stages = {name: [json.loads(l) for l in lines[m[i]:m[i + 1]]]
          for i, name in enumerate(["churn", "fallback", "stale DNS", "recovery"])}
names = "{shop.vigil.test, www.shop.vigil.test}"
returns = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(first + 34 * 3600))
failures = []

def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)

def texts(stage, prefix=""):
    return [msg["text"] for msg in stages[stage] if msg["text"].startswith(prefix)]

def blocks_text(msg):
    return json.dumps(msg["body"].get("blocks", []), ensure_ascii=False)

for stage, msgs in stages.items():
    print(f"--- {stage}: {len(msgs)} messages")
    for msg in msgs:
        print("  " + msg["text"][:400])

# --- today's behaviour: the causes named first ---------------------------------------------------------------------
churn = texts("churn", "⚠️ Firing · shop · certificate re-issued on every restart: ")
check(len(churn) == 1, "churn: one cert_churn warning before the fallback")
check(any(("3 certificates for " + names + " in 1 h, each about 89 days before the previous one would expire")
          in t and "is probably not persistent" in t for t in churn),
      "churn: its text counts 3 certificates in 1 h and says the ACME storage 'is probably not persistent'")
refusal = "🔴 Firing · shop · certificate invalid: The CA refuses new certificates for " + names + " until " + returns
invalid = texts("fallback", "🔴 Firing · shop · certificate invalid: ")
check(len(invalid) == 1, "fallback: one cert_invalid critical firing message")
check(any(t.startswith(refusal) for t in invalid), f"fallback: its text starts with the CA's refusal ('… until {returns}')")
check(any("5 certificates for them were issued in the last 168 h" in t and "so the ingress serves its default certificate"
          in t for t in invalid), "fallback: it counts the 5 certificates and says the ingress serves its default one")
fallback_msg = [msg for msg in stages["fallback"] if msg["text"] in invalid]
check(any("• cert_untrusted: " in blocks_text(msg) for msg in fallback_msg),
      "fallback: the symptom, cert_untrusted, is listed under the cause")
dns = texts("stale DNS", "🔴 Firing · shop · DNS not pointing at the load balancer: ")
check(len(dns) == 1, "stale DNS: one dns_lb_mismatch critical firing message")
check(any("shop.vigil.test resolves to 127.0.0.2 but the load balancer" in t and "is 127.0.0.3: update the A record"
          in t for t in dns), "stale DNS: it names the stale address 127.0.0.2 and says 'update the A record'")
every = [msg["text"] for msgs in stages.values() for msg in msgs]
check(sum(t.startswith("✅ Resolved · shop · certificate invalid") for t in every) == 1,
      "the certificate's alert resolved once (at the recovery or before: see the INTENDED block)")
check(len(texts("recovery", "✅ Resolved · shop · DNS not pointing at the load balancer")) == 1,
      "recovery: the DNS alert resolved")
check(not any("· shop · down" in t for t in every), "no `down` message during the incident")

# --- INTENDED: the alert grouping of issue 15 (integrator: these hold once alerts are grouped into incidents) -----
# One incident, one firing message stating its cause, its symptoms listed under it; no separate `certificate changed`
# events at the fallback, no `duplicate-certificate limit` firing while the churn and then the refusal explain it; one
# resolved message per incident.
fallback_firing = [t for t in texts("fallback") if "Firing" in t[:12] or "Event" in t[:12]]
check(fallback_firing == invalid and len(invalid) == 1,
      "INTENDED fallback: its only message is the one cert_invalid firing (got %d)" % len(fallback_firing))
check(not texts("fallback", "🔴 Event · shop · certificate changed") and not texts("fallback", "⚠️ Event · shop · certificate changed"),
      "INTENDED fallback: no separate `certificate changed` event messages")
check(not any("Firing · shop · duplicate-certificate limit" in t for t in every),
      "INTENDED: no `duplicate-certificate limit` firing while the churn and the refusal explain it")
check(sum("Firing · shop · certificate invalid" in t for t in every) == 1,
      "INTENDED: one cert_invalid firing in the whole incident, the stale A record included")
# Not the grouping itself: alert.Signals judges cert_invalid by the run's failure kind, and with the stale record that
# kind is dns_lb_mismatch, though both addresses still serve the untrusted default certificate ("fixing DNS alone will
# not help", says the DNS message): the certificate's alert must not resolve then.
check(len(texts("recovery", "✅ Resolved · shop · certificate invalid")) == 1,
      "INTENDED recovery: the certificate's alert resolves at the recovery, not while the stale record hides it")
resolved = [t.split(":")[0] for t in every if t.startswith("✅ Resolved")]
check(len(resolved) == len(set(resolved)) and all(t in texts("recovery") for t in every if t.startswith("✅ Resolved")),
      "INTENDED: one resolved message per incident, all at the recovery (got %s)" % resolved)
# Not the grouping itself either: a cert_changed alert never passes, so alert.AlertMachine keeps the highest severity
# it ever had, and the recovery's change (a warning in the agent's log) goes out as 🔴 critical, as the fallback's did.
check(not any(t.startswith("🔴") for t in texts("recovery")), "INTENDED recovery: nothing told as critical (🔴)")
if failures:
    sys.exit("%d of the checks above failed: %s" % (len(failures), "; ".join(failures)))
EOF
  )
  local status=$?
  if [ "$status" -ne 0 ]; then   # every check, and each stage's messages, for a look at what went wrong
    printf '%s\n' "$check" | sed 's/^/  /'
    fail "the messages at the fake Slack are not the incident's" "$dir/agent.log"; return
  fi
  stop_pid "$agent_pid"
}

scenario incident incident
