#!/usr/bin/env bash
# Browser tests of the agent's status page (issue 20): `vigil demo --fast --hold` replays the incident Vigil was built
# for and holds at its worst; browser/status-page.mjs drives Debian's chromium (headless, no network) through
# playwright-core over the agent's page, checks what it shows and how it responds, and writes docs/images/status-*.png;
# then the hold is released, and the demo must end with its recovery shown (exit 0).
# Installs chromium (Debian's package) and playwright-core (npm ci, the version package-lock.json pins) when missing,
# as root. Usage: bash browser/run.sh   (after the build; JAVA_HOME a JDK 21+ or java 21+ on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh   # started, stop_started, wait_log, wait_until, exited
stop_grace=10
work=$(mktemp -d)
cleanup() {
  exec 3>&- || true
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "browser: FAILED: $*" >&2; [ ! -f "$work/demo.log" ] || tail -n 20 "$work/demo.log" >&2; exit 1; }

if ! [ -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium >"$work/apt.log" 2>&1 \
    || { apt-get update >>"$work/apt.log" 2>&1 && apt-get install -y --no-install-recommends chromium >>"$work/apt.log" 2>&1; } \
    || { tail -n 5 "$work/apt.log" >&2; fail "cannot install chromium"; }
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing (apt-get install chromium)"
command -v node >/dev/null || fail "node is missing"
if ! [ -f browser/node_modules/playwright-core/package.json ]; then
  (cd browser && npm ci --no-audit --no-fund) >"$work/npm.log" 2>&1 || { cat "$work/npm.log" >&2; fail "npm ci"; }
fi
[ -f target/vigil.jar ] || fail "target/vigil.jar is missing: run mvn -B package first"

# The demo reads its standard input from a pipe this script holds open on descriptor 3: closing it ends the hold.
mkfifo "$work/hold"
bin/vigil demo --fast --hold <"$work/hold" >"$work/demo.log" 2>&1 &
demo=$!
started+=("$demo")
exec 3>"$work/hold"
wait_log "$work/demo.log" '^Holding at the incident: ' 120 "$demo" || fail "the demo did not reach the incident"
url=$(sed -n 's/^Holding at the incident: the agent.s status page is at //p' "$work/demo.log")
[ -n "$url" ] || fail "no status page address in the demo's output"
echo "browser: the demo holds at the incident; its status page is $url"

mkdir -p docs/images
status=0
node browser/status-page.mjs "$url" docs/images || status=$?

exec 3>&-   # the hold ends: the demo goes on to the recovery
wait_until 60 exited "$demo" || fail "the demo did not end within 60 s of the hold's end"
demo_rc=0
wait "$demo" || demo_rc=$?
forget "$demo"
[ "$demo_rc" = 0 ] || fail "the demo ended with exit $demo_rc after the hold"
grep -q '^Done in ' "$work/demo.log" || fail "the demo did not show its recovery"
echo "browser: the demo went on to its recovery and exited 0"
[ "$status" = 0 ] || fail "status-page.mjs: a check failed"

# The fleet view: an agent at us-east, and one at eu-west that peers it; both probe a static site on loopback.
mkdir -p "$work/www"
echo ok > "$work/www/index.html"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/www" >"$work/www.log" 2>&1 &
started+=("$!")
wait_log "$work/www.log" 'port [0-9]+' 10 "$!" || fail "the static site did not start: $(cat "$work/www.log")"
www=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$work/www.log" | head -n 1)
agent() { # NAME LOCATION PROBE MORE_FLAGS…: starts an agent probing / as shop and PROBE; sets agent_port
  local name=$1 location=$2 probe=$3
  shift 3
  cat >"$work/$name.json" <<JSON
{ "defaults": { "interval": "2s", "timeout": "2s" },
  "probes": [ { "name": "shop", "url": "http://127.0.0.1:$www/" }, $probe ] }
JSON
  bin/vigil run --config "$work/$name.json" --listen 127.0.0.1:0 --state-dir "$work/state-$name" --agent-name "$name" \
    --location "$location" "$@" >"$work/$name.log" 2>&1 &
  started+=("$!")
  agent_port=$(listen_port "$work/$name.log" "$!" 30) || fail "agent $name did not get ready: $(cat "$work/$name.log")"
}
agent vigil-us us-east '{ "name": "api-us", "url": "http://127.0.0.1:'"$www"'/missing" }'
us=$agent_port
agent vigil-eu eu-west '{ "name": "api-eu", "url": "http://127.0.0.1:'"$www"'/" }' --peer "http://127.0.0.1:$us"
eu=$agent_port
peered() { curl -sf "http://127.0.0.1:$eu/" -H 'Accept: text/html' | grep -q 'data-location="us-east"'; }
# The first poll of a peer comes one interval (15 s) after the start.
wait_until 60 peered || fail "the eu-west agent did not show the us-east agent's probes within 60 s"
echo "browser: agent vigil-eu (eu-west) on port $eu shows the probes of vigil-us (us-east) on port $us"
node browser/fleet-view.mjs "http://127.0.0.1:$eu/" "http://127.0.0.1:$us/" docs/images \
  || fail "fleet-view.mjs: a check failed"
echo "browser: all checks passed; screenshots in docs/images/"
