#!/usr/bin/env bash
# Checks the units in systemd/:
#  1. `systemd-analyze verify` has nothing to say about any of them;
#  2. each service's exposure level (`systemd-analyze security --offline`) is at most 2.0;
#  3. vigil.service's ExecStart runs as systemd would run it, minus the sandbox: as an unprivileged user (nobody) with
#     no capabilities and no new privileges, in /, with the unit's directories, Environment=, EnvironmentFile= and
#     UMask=. The agent must get ready, serve /metrics, keep its state in $STATE_DIRECTORY readable by itself only,
#     and exit 143 within 5 s of SIGTERM;
#  4. vigil-probe@.service's ExecStart likewise, once, against that agent: exit 0, state saved, class cache trained.
# Commands, directories and environment are read from the unit files, with the install's paths (/opt/vigil, /etc,
# /var/lib, /var/cache) moved under a temporary root, so the checks cannot drift from the units. The sandbox itself
# (seccomp, namespaces) needs systemd as PID 1 to start the units; it is not exercised here.
# Needs root, curl, python3, setpriv, systemd-analyze, target/vigil.jar built, and JAVA_HOME (or the PATH's java) a JDK 21+.
# Loopback only; takes about 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022
source .ci/lib.sh

failed=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failed=1; }

for tool in curl python3 setpriv systemd-analyze; do
  command -v "$tool" >/dev/null || { fail "$tool is not installed"; exit 1; }
done
[ "$(id -u)" = 0 ] || { fail "must run as root, to run the agent as another user"; exit 1; }
[ -f target/vigil.jar ] || { fail "target/vigil.jar is missing; build it first (mvn -B package -DskipTests)"; exit 1; }

# The install, under a root that nobody (the user the commands run as) can reach: not in TMPDIR, which may be private.
root=$(mktemp -d /tmp/vigil-check.XXXXXX)
chmod 755 "$root"
cleanup() {
  stop_started
  rm -rf "$root"
}
trap cleanup EXIT
install -D -m 755 bin/vigil "$root/opt/vigil/bin/vigil"
install -D -m 644 target/vigil.jar "$root/opt/vigil/target/vigil.jar"
install -d -m 755 "$root/units"
nobody=65534

# 1. verify checks that each ExecStart names an executable, so it reads copies naming the temporary install.
units=()
for unit in systemd/*.service systemd/*.timer; do
  sed "s#/opt/vigil/#$root/opt/vigil/#g" "$unit" >"$root/units/${unit##*/}"
  units+=("$root/units/${unit##*/}")
done
if out=$(systemd-analyze verify "${units[@]}" 2>&1) && [ -z "$out" ]; then
  pass "systemd-analyze verify: ${units[*]##*/}"
else
  fail "systemd-analyze verify:"
  printf '%s\n' "$out"
fi

# 2. The exposure level: 0.0 is fully sandboxed, 10.0 not at all.
for unit in systemd/*.service; do
  out=$(systemd-analyze security --offline=true "$unit" 2>&1) || true
  score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
  if [ -z "$score" ]; then
    fail "systemd-analyze security ${unit##*/}: no overall exposure level in:"
    printf '%s\n' "$out"
  elif awk "BEGIN { exit !($score <= 2.0) }"; then
    pass "${unit##*/} exposure level $score (at most 2.0)"
  else
    fail "${unit##*/} exposure level $score, over 2.0:"
    printf '%s\n' "$out" | grep '✗' || true
  fi
done

# 3 and 4: a unit's ExecStart as systemd would start it.
expand() { # VALUE INSTANCE: VALUE with the specifiers the units use expanded as in a system unit, absolute paths rooted
  local value=${1//%i/$2}
  value=${value//%S//var/lib}
  value=${value//%C//var/cache}
  case $value in *%*) echo "check.sh: a specifier check.sh does not know in: $1" >&2; exit 1 ;; esac
  case $value in /*) value=$root$value ;; esac
  printf '%s' "$value"
}
words() { # UNIT KEY: the words of every KEY= line of UNIT, into the array words (no glob expansion)
  local line
  words=()
  while IFS= read -r line; do
    read -ra line <<<"$line"
    words+=("${line[@]}")
  done < <(sed -n "s/^$2=//p" "$1")
}
prepare() { # UNIT INSTANCE: creates the unit's directories; sets command (its ExecStart), config, env and umask
  local unit=$1 instance=$2 kind key base dir word file line paths
  env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  for kind in STATE:State:/var/lib CACHE:Cache:/var/cache CONFIGURATION:Configuration:/etc; do
    IFS=: read -r kind key base <<<"$kind"
    words "$unit" "${key}Directory"
    paths=''
    for dir in "${words[@]}"; do
      dir=$(expand "$base/$dir" "$instance")
      mkdir -p "$dir"
      # systemd hands state and cache directories to the service's user, not its configuration directory.
      [ "$kind" = CONFIGURATION ] || chown "$nobody:$nobody" "$dir"
      paths=${paths:+$paths:}$dir
    done
    [ -z "$paths" ] || env+=("${kind}_DIRECTORY=$paths")
  done
  words "$unit" Environment
  for word in "${words[@]}"; do env+=("${word%%=*}=$(expand "${word#*=}" "$instance")"); done
  words "$unit" EnvironmentFile
  for file in "${words[@]}"; do
    file=$(expand "${file#-}" "$instance")
    [ -f "$file" ] || continue
    while IFS= read -r line; do
      case $line in '' | '#'*) ;; *) env+=("$line") ;; esac
    done <"$file"
  done
  words "$unit" UMask
  umask=${words[0]:-0022}
  words "$unit" ExecStart
  command=() config=''
  for word in "${words[@]}"; do
    [ "${command[*]: -1}" != --config ] || config=$(expand "$word" "$instance")
    command+=("$(expand "$word" "$instance")")
  done
  [ -n "$config" ] || { fail "$unit: no --config in ExecStart=${command[*]}"; exit 1; }
}
as_service() { # COMMAND…: becomes it as nobody, in /, with $env and $umask, stdin from /dev/null (in a subshell)
  cd / && umask "$umask" && exec env -i "${env[@]}" "$(command -v setpriv)" --reuid="$nobody" --regid="$nobody" \
    --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@" </dev/null
}
private_file() { # WHAT FILE: FILE exists, belongs to nobody and only nobody may read it
  local facts
  facts=$(stat -c '%u %a' "$2" 2>/dev/null || echo missing)
  if [ "$facts" = "$nobody 600" ]; then
    pass "$1 ${2#"$root"} belongs to the service's user, mode 600"
  else
    fail "$1 ${2#"$root"}: expected owner $nobody and mode 600, found: $facts"
  fi
}

# The secrets file as an operator writes it: root's, 0600, read by systemd (here: by this script) before the switch of
# user. The agent's config names its variable, so the agent does not start without it.
install -d -m 755 "$root/etc/vigil"
{
  echo "VIGIL_CHECK_TOKEN=check-$RANDOM"
  [ -z "${JAVA_HOME:-}" ] || echo "JAVA_HOME=$JAVA_HOME"
} >"$root/etc/vigil/vigil.env"
chmod 600 "$root/etc/vigil/vigil.env"

prepare systemd/vigil.service ''
# Two ports the kernel picked, held (not listening) until the end: the agent listens on the first (it sets SO_REUSEADDR,
# as servers do, so it can while the holder keeps every other program off it), and connections to the second are
# refused. The config names both before the agent starts, so they cannot come from the agent's --listen 127.0.0.1:0.
hold_ports "$root/ports" port closed || { fail "no loopback ports could be held"; exit 1; }
started+=("$held_ports_pid")
cat >"$config" <<EOF
{
  "defaults": { "interval": "1s", "timeout": "500ms" },
  "probes": [
    { "name": "self", "url": "http://127.0.0.1:$port/-/healthy", "headers": { "X-Check": "\${VIGIL_CHECK_TOKEN}" } },
    { "name": "closed", "url": "http://127.0.0.1:$closed/" }
  ]
}
EOF
chmod 644 "$config"
state_dir=$(printf '%s\n' "${env[@]}" | sed -n 's/^STATE_DIRECTORY=//p')
log=$root/agent.log
echo "vigil.service: ${command[*]#"$root"} --listen 127.0.0.1:$port, as nobody, umask $umask"
as_service "${command[@]}" --listen "127.0.0.1:$port" 2>"$log" &
agent=$!
started+=("$agent")
if ! wait_until 30 -p "$agent" curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null; then
  fail "the agent did not get ready within 30 s; its log:"
  cat "$log"
  exit 1
fi
pass "the agent is ready"
status=$(cat "/proc/$agent/status")
if [ "$(awk '/^Uid:/ { print $2 }' <<<"$status")" = "$nobody" ] && grep -q '^CapEff:[[:space:]]*0*$' <<<"$status" \
  && grep -q '^NoNewPrivs:[[:space:]]*1$' <<<"$status" && grep -q "^Umask:[[:space:]]*$umask$" <<<"$status"; then
  pass "the agent runs as nobody, without capabilities or new privileges, with umask $umask"
else
  fail "the agent's identity:"
  grep -E '^(Uid|CapEff|NoNewPrivs|Umask):' <<<"$status"
fi
metrics=''
self_up_closed_down() { # scrapes into $metrics
  metrics=$(curl -sf "http://127.0.0.1:$port/metrics" || true)
  grep -q '^probe_success{probe="self",.*} 1' <<<"$metrics" && grep -q '^probe_success{probe="closed",.*} 0' <<<"$metrics"
}
wait_until 5 self_up_closed_down || true
if grep -q '^vigil_probes_configured 2' <<<"$metrics" && grep -q '^probe_success{probe="self",.*} 1' <<<"$metrics" \
  && grep -q '^probe_success{probe="closed",.*} 0' <<<"$metrics"; then
  pass "/metrics: 2 probes configured, self up, closed down"
else
  fail "/metrics:"
  grep -E '^(vigil_probes_configured|probe_success)' <<<"$metrics" || echo "$metrics" | head -5
fi

# 4. The timer's service, one run, while the agent serves.
prepare 'systemd/vigil-probe@.service' check
cat >"$config" <<EOF
{ "probes": [ { "name": "self", "url": "http://127.0.0.1:$port/-/healthy" } ] }
EOF
chmod 644 "$config"
echo "vigil-probe@check.service: ${command[*]#"$root"}, as nobody, umask $umask"
code=0
out=$(as_service timeout 60 "${command[@]}" 2>&1) || code=$?
# Nagios reads the first line: the overall status, then one report per probe.
if [ "$code" = 0 ] && [[ $out == 'OK - '* ]] && grep -q '^OK - self ' <<<"$out"; then
  pass "vigil-probe@check.service: exit 0, $(head -n 1 <<<"$out")"
else
  fail "vigil-probe@check.service: exit $code, expected 0 and an OK:"
  printf '%s\n' "$out"
fi
probe_state=$(printf '%s\n' "${env[@]}" | sed -n 's/^STATE_DIRECTORY=//p')
private_file "its state" "$probe_state/state.json"
cache_dir=$(printf '%s\n' "${env[@]}" | sed -n 's/^CACHE_DIRECTORY=//p')
cache=''
[ -z "$cache_dir" ] || cache=$(find "$cache_dir" -name '*.jsa' -user "$nobody" | head -n 1)
if [ -n "$cache" ]; then
  pass "its class cache was trained into \$CACHE_DIRECTORY: ${cache##*/}"
else
  fail "no class cache trained into \$CACHE_DIRECTORY (${cache_dir#"$root"})"
fi

# 4, continued: the install step of docs/deployment.md, `vigil cache` as root, writes every one-shot command's cache
# next to the jar, readable by all; the service's next run then finds its cache there and trains none of its own.
cached=$("$root/opt/vigil/bin/vigil" cache 2>&1) && code=0 || code=$?
written=$(find "$root/opt/vigil/target" -name 'vigil.jar.*.jsa' -perm -004 | wc -l)
if [ "$code" = 0 ] && [ "$written" = 4 ]; then
  pass "vigil cache: 4 class caches next to the jar, readable by all"
else
  fail "vigil cache: exit $code, $written readable caches next to the jar (expected 0 and 4):"
  printf '%s\n' "$cached"
fi
[ -z "$cache_dir" ] || find "$cache_dir" -name '*.jsa' -delete
code=0
out=$(as_service timeout 60 "${command[@]}" 2>&1) || code=$?
trained=''
[ -z "$cache_dir" ] || trained=$(find "$cache_dir" -name '*.jsa' | head -n 1)
if [ "$code" = 0 ] && [ -z "$trained" ]; then
  pass "vigil-probe@check.service after vigil cache: exit 0, started from the installed cache (none trained)"
else
  fail "vigil-probe@check.service after vigil cache: exit $code, trained ${trained:-nothing}; expected 0 and nothing:"
  printf '%s\n' "$out"
fi

# 3, continued: the stop.
words systemd/vigil.service SuccessExitStatus
success=" 0 ${words[*]} "
kill -TERM "$agent"
start=$(now_ms)
wait_until 5 exited "$agent" || true
stop_ms=$(($(now_ms) - start))
if alive "$agent"; then
  fail "the agent still runs 5 s after SIGTERM"
else
  code=0
  wait "$agent" || code=$?
  forget "$agent"
  if [ "$code" = 143 ] && [[ $success == *" $code "* ]]; then
    pass "SIGTERM: exit $code after $stop_ms ms, a success to systemd (SuccessExitStatus=${words[*]})"
  else
    fail "SIGTERM: exit $code after $stop_ms ms; expected 143, listed in SuccessExitStatus= (${words[*]}); the log:"
    cat "$log"
  fi
fi
private_file "the agent's state" "$state_dir/state.json"
private_file "the agent's lock" "$state_dir/state.lock"

if [ -d /run/systemd/system ]; then
  echo "SKIP: the sandbox itself: this check starts no unit on the host's systemd (install as docs/deployment.md says)"
else
  echo "SKIP: the sandbox itself: systemd is not PID 1 here ($(ps -o comm= -p 1)), so no unit can be started"
fi

if [ "$failed" = 0 ]; then
  echo "systemd/check.sh: all checks passed"
else
  echo "systemd/check.sh: some checks FAILED"
  exit 1
fi
