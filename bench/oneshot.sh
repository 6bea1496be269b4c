#!/usr/bin/env bash
# One-shot start-up (issue 17): wall time and user+sys CPU of `vigil probe` against a loopback HTTPS target (openssl
# s_server, ECDSA P-256), `vigil --version` and `vigil validate` of a one-probe config, beside an empty JVM
# (`java -version` of the same JDK), `curl -s --cacert` and Nagios' `check_http -S` on the same target, measured in
# the same loop, interleaved (each round starts one command later), so that the machine's other load hits them alike.
# Usage: bench/oneshot.sh [RUNS]   (default 15; build first: mvn -B -q package -DskipTests)
#   VIGIL=path/to/vigil: the launcher to measure (default bin/vigil); its JAVA_HOME is the empty JVM's too.
#   VIGIL_BEFORE=path/to/other/bin/vigil: also measures that build's probe, --version and validate in the same loop
#   (a copy of an earlier checkout with its jar built), for a before/after comparison the machine's load cannot skew.
# Measures warm runs: `vigil cache` (the install step) writes the start-up caches first, and one untimed round warms
# the page cache (with an older launcher, it trains the caches); VIGIL_AOT=0 measures without caches. Prints the
# medians, the ratios, the machine's other CPU load during the run, and `footprint:` lines for bench/footprint.sh.
# Not a test: noise fails nothing. Paths are split on spaces: keep them without.
# check_http comes from Debian's monitoring-plugins-basic: installed when missing and this runs as root, else skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
vigil=${VIGIL:-bin/vigil}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
source .ci/lib.sh
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT

check_http=/usr/lib/nagios/plugins/check_http
if ! [ -x "$check_http" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq --no-install-recommends monitoring-plugins-basic >"$work/apt.log" 2>&1 \
    || echo "oneshot.sh: apt-get install monitoring-plugins-basic failed (tail of its log below)" >&2
  [ -x "$check_http" ] || tail -n 3 "$work/apt.log" >&2
fi
[ -x "$check_http" ] || echo "note: no $check_http (Debian's monitoring-plugins-basic; not root to install it): the check_http anchor is skipped"

# The server's port: picked by the kernel and held until the end, never guessed (issue 13, item 10); s_server sets
# SO_REUSEADDR, so it can listen on the held port.
hold_ports "$work/ports" port || exit 1
started+=("$held_ports_pid")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl s_server -quiet -www -accept "127.0.0.1:$port" -cert "$work/cert.pem" -key "$work/key.pem" >/dev/null 2>&1 &
server_pid=$!
started+=("$server_pid")
wait_port 127.0.0.1 "$port" 5 "$server_pid" \
  || { echo "oneshot.sh: openssl s_server does not listen on 127.0.0.1:$port after 5 s" >&2; exit 1; }
url="https://localhost:$port/"
printf '{ "probes": [ { "name": "local", "url": "%s", "timeout": "2s" } ] }\n' "$url" >"$work/probes.json"

# name and command of each measured row, in the loop's order
names=(java probe version validate curl)
commands=(
  "$java -version"
  "$vigil probe --ca-file $work/cert.pem $url"
  "$vigil --version"
  "$vigil validate $work/probes.json"
  "curl -s --cacert $work/cert.pem -o /dev/null $url"
)
if [ -x "$check_http" ]; then
  names+=(check_http)
  commands+=("$check_http -S -H localhost -p $port")
fi
if [ -n "${VIGIL_BEFORE:-}" ]; then
  names+=(probe_before version_before validate_before)
  commands+=("$VIGIL_BEFORE probe --ca-file $work/cert.pem $url" "$VIGIL_BEFORE --version"
    "$VIGIL_BEFORE validate $work/probes.json")
fi

start=$(now_ms)
if "$vigil" cache >"$work/cache.log" 2>&1; then
  echo "vigil cache (the install step; untimed below): $(( $(now_ms) - start )) ms," \
    "$(grep -c '\.jsa$' "$work/cache.log" || true) caches written"
else
  echo "note: 'vigil cache' failed or is unknown to $vigil (tail of its output below); the untimed round trains instead"
  tail -n 2 "$work/cache.log"
fi
# The untimed round; it also trains VIGIL_BEFORE's caches when that build trains them on first runs.
for i in "${!names[@]}"; do
  ${commands[$i]} >/dev/null 2>&1 || { echo "oneshot.sh: ${commands[$i]} failed with exit $?" >&2; exit 1; }
done

# cpu_ms: the CPU time (user+sys) of this shell's waited-for children so far, in ms, from bash's `times` (its second
# line), read without a subshell, since in one `times` would count the subshell's children only.
cpu_ms=0
children_cpu() {
  local user sys total=0 t seconds
  times >"$work/times"
  { read -r _; read -r user sys; } <"$work/times"
  for t in "$user" "$sys"; do
    t=${t%s}   # 0m1.234s: minutes, then seconds with three decimals
    seconds=${t#*m}
    total=$(( total + ${t%%m*} * 60000 + 10#${seconds/./} ))
  done
  cpu_ms=$total
}
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }   # busy, all CPUs
process_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }   # utime + stime of PID

declare -A wall cpu
n=${#names[@]}
children_cpu
tck=$(getconf CLK_TCK)
ticks0=$(machine_ticks) server0=$(process_ticks "$server_pid") self0=$(process_ticks $$) ours0=$cpu_ms start0=$(now_ms)
for round in $(seq "$runs"); do
  for k in $(seq 0 $((n - 1))); do
    i=$(( (round + k) % n ))
    children_cpu
    before=$cpu_ms
    t0=$EPOCHREALTIME
    ${commands[$i]} >/dev/null 2>&1 || { echo "oneshot.sh: ${commands[$i]} failed with exit $?" >&2; exit 1; }
    t1=$EPOCHREALTIME
    children_cpu
    after=$cpu_ms
    wall[${names[$i]}]+="$(( (${t1//[.,]/} - ${t0//[.,]/}) / 1000 )) "
    cpu[${names[$i]}]+="$(( after - before )) "
  done
done
elapsed_ms=$(( $(now_ms) - start0 ))
children_cpu
ours_ms=$(( cpu_ms - ours0 + ($(process_ticks "$server_pid") - server0 + $(process_ticks $$) - self0) * 1000 / tck ))
busy_ms=$(( ($(machine_ticks) - ticks0) * 1000 / tck ))
# Busy time not ours: not the measured commands, the server or this shell.
other=$(awk -v b="$busy_ms" -v o="$ours_ms" -v e="$elapsed_ms" 'BEGIN { x = (b - o) / e; printf "%.2f", x < 0 ? 0 : x }')

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
seconds() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }
declare -A mwall mcpu
printf '%-15s %18s %22s\n' command "median wall (ms)" "median user+sys (ms)"
for name in "${names[@]}"; do
  mwall[$name]=$(median "${wall[$name]}")
  mcpu[$name]=$(median "${cpu[$name]}")
  printf '%-15s %18s %22s\n' "$name" "${mwall[$name]}" "${mcpu[$name]}"
done
echo "runs: $runs per command; machine: $(nproc) CPUs; other CPU load during the run: $other CPUs (busy time not ours, /proc/stat)"
echo "targets: probe wall <= 7x java -version (moonshot 5x), probe user+sys <= 0.3 s, --version and validate <= 3x java -version"

for name in probe version validate; do
  [ -z "${mwall[${name}_before]:-}" ] || echo "before -> after: $name wall ${mwall[${name}_before]} -> ${mwall[$name]} ms" \
    "(x$(ratio "${mwall[${name}_before]}" "${mwall[java]}") -> x$(ratio "${mwall[$name]}" "${mwall[java]}") java -version)," \
    "user+sys ${mcpu[${name}_before]} -> ${mcpu[$name]} ms"
done

anchor() { # ROW NAME ANCHOR [ANCHOR_LABEL]: the wall-time line of NAME against ANCHOR
  echo "footprint: $1: vigil ${mwall[$2]} ms | anchor ${4:-$3} ${mwall[$3]} ms | ratio $(ratio "${mwall[$2]}" "${mwall[$3]}")"
}
anchor "one-shot probe, median wall" probe java "java -version"
echo "footprint: one-shot probe, median user+sys CPU: vigil $(seconds "${mcpu[probe]}") s | anchor java -version" \
  "$(seconds "${mcpu[java]}") s | ratio $(ratio "${mcpu[probe]}" "${mcpu[java]}")"
anchor "one-shot probe vs curl, median wall" probe curl "curl -s --cacert"
[ -z "${mwall[check_http]:-}" ] || anchor "one-shot probe vs check_http, median wall" probe check_http "check_http -S"
anchor "vigil --version, median wall" version java "java -version"
anchor "vigil validate, median wall" validate java "java -version"
