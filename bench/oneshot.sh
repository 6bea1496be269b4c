#!/usr/bin/env bash
# Median wall time of a one-shot `vigil probe` against a loopback HTTPS target (openssl s_server, ECDSA P-256).
# Usage: bench/oneshot.sh [RUNS]   (build first: mvn -B -q package -DskipTests)
# Measures warm runs: an untimed first run writes bin/vigil's start-up cache when there is none (VIGIL_AOT=0 measures
# without it). Prints one line per run and the median; not a test, so noise fails nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=$(mktemp -d)
source .ci/lib.sh
cleanup() {
  stop_started
  rm -rf "$work"
}
trap cleanup EXIT
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
first=$(bin/vigil probe --ca-file "$work/cert.pem" "$url" >/dev/null && echo 0 || echo $?)
echo "untimed first run (writes the start-up cache if there is none): exit $first"
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  bin/vigil probe --ca-file "$work/cert.pem" "$url" >/dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "run $i: ${ms} ms"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')
echo "median wall time of 'vigil probe' over $runs runs: ${median} ms"
