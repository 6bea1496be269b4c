# Shared by check.sh and probe-check.sh (sourced from the repository's root): .ci/lib.sh's process helpers, a work
# folder removed at exit with every process started (kept with PROM_CHECK_KEEP=1), and the checks' verdicts.
#   check_setup NAME PREFIX   sets $work (mktemp -d under $TMPDIR, named PREFIX.XXXXXX) and $start_ms; NAME is the
#                             script's name in messages
#   pass WHAT                 one PASS line
#   die WHY [LOG…]            fails the check, with the last lines of each LOG
#   start_prometheus          Debian's prometheus on $work/prometheus.yml at 127.0.0.1:$prometheus_port, waited for
#                             until ready; sets $prometheus_pid and $prom (its URL)
source .ci/lib.sh
stop_grace=10

check_setup() {
  check_name=$1
  work=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")
  trap check_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  start_ms=$(now_ms)
}

check_cleanup() {
  stop_started
  if [ -n "${PROM_CHECK_KEEP:-}" ]; then echo "$check_name: kept $work"; else rm -rf "$work"; fi
}

pass() { echo "PASS: $*"; }
die() {
  local why=$1 log; shift
  echo "FAIL: $why" >&2
  for log in "$@"; do [ -s "$log" ] && { echo "--- $log" >&2; tail -n 20 "$log" >&2; }; done
  exit 1
}

start_prometheus() {
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
  prometheus_pid=$!
  started+=("$prometheus_pid")
  prom=http://127.0.0.1:$prometheus_port
  wait_until 30 -p "$prometheus_pid" curl -sf --max-time 2 -o /dev/null "$prom/-/ready" \
    || die "prometheus did not start" "$work/prometheus.log"
}
