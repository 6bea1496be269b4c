# Shell helpers shared by the scripts: .ci/run, .ci/jlink-check, systemd/check.sh, e2e/run.sh and bench/*.sh.
# Sourced (bash 5) from the repository's root, after `set -euo pipefail`; hold_ports needs python3, listen_port curl.
# Ports come from the kernel and are held until use, never guessed, and every wait polls against a deadline (issue 13,
# item 10; issue 14).

now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((t / 1000)); }   # wall clock in milliseconds

# alive PID: not exited, not a zombie
alive() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) && [[ ${stat##*) } != Z* ]]; }
exited() { ! alive "$1"; }   # PID

listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }   # ADDRESS PORT: accepts TCP connections

# wait_until SECONDS [-p PID] COMMAND…: runs COMMAND every 0.1 s until it succeeds (0) or SECONDS have passed (1).
# With -p, gives up early (2) once PID has exited, since what it waits for will not come then.
wait_until() {
  local deadline=$(( $(now_ms) + $1 * 1000 )) pid=''
  shift
  if [ "$1" = -p ]; then pid=$2; shift 2; fi
  until "$@"; do
    [ -z "$pid" ] || alive "$pid" || return 2
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# wait_port ADDRESS PORT SECONDS [PID]: until ADDRESS:PORT accepts connections; 1 after SECONDS, 2 once PID exited.
wait_port() { wait_until "$3" ${4:+-p "$4"} listening "$1" "$2"; }

# wait_log FILE REGEX SECONDS [PID]: until a line of FILE matches the extended REGEX; 1 after SECONDS, 2 once PID
# exited.
wait_log() { wait_until "$3" ${4:+-p "$4"} grep -qE -- "$2" "$1"; }

# hold_ports FILE VAR… [-- ADDRESS…]: as many ports as VARs, held on TCP and UDP at every ADDRESS (127.0.0.1 by
# default) by .ci/hold-ports.py in the background until this shell exits; sets each VAR, and held_ports_pid to the
# holder's PID (stop it at exit with the script's other processes). FILE receives the holder's output. Fails after 10 s.
hold_ports() {
  local file=$1 vars=() addresses=() line=''
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
  [ $# -eq 0 ] || { shift; addresses=("$@"); }
  python3 .ci/hold-ports.py "${#vars[@]}" ${addresses[@]+"${addresses[@]}"} >"$file" 2>&1 &
  held_ports_pid=$!
  local status=0
  wait_log "$file" '^[0-9 ]+$' 10 "$held_ports_pid" || status=$?
  case $status in
    0) read -r "${vars[@]}" < <(head -n 1 "$file") ;;
    2) echo "hold-ports.py: $(cat "$file")" >&2; return 1 ;;
    *) echo "hold-ports.py printed no ports within 10 s" >&2; return 1 ;;
  esac
}

# listen_port LOG PID [SECONDS]: the port of an agent started with `vigil run --listen 127.0.0.1:0 2>LOG`, read from its
# "listening on http://127.0.0.1:PORT/metrics" line once it is ready; fails when PID exits first or after SECONDS (30).
listen_port() {
  local status=0
  wait_until "${3:-30}" -p "$2" agent_ready "$1" || status=$?
  case $status in
    0) log_port "$1" ;;
    2) echo "the agent (PID $2) exited before it was ready" >&2; return 1 ;;
    *) echo "the agent (PID $2) was not ready within ${3:-30} s" >&2; return 1 ;;
  esac
}
log_port() { sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/metrics.*|\1|p' "$1" | head -n 1; }   # LOG
agent_ready() { # LOG: the agent logging there has said its port and answers /-/ready on it
  local port
  port=$(log_port "$1") && [ -n "$port" ] && curl -sf --max-time 2 "http://127.0.0.1:$port/-/ready" >/dev/null
}

# The processes a script started: it adds each PID to `started`; stop_pid stops one, stop_started (for the EXIT trap)
# all that are left.
started=()
forget() { # PID: no longer in started
  local pid keep=()
  for pid in ${started[@]+"${started[@]}"}; do [ "$pid" = "$1" ] || keep+=("$pid"); done
  started=(${keep[@]+"${keep[@]}"})
}

# stop_pid PID [SIGNAL]: SIGNAL (TERM), then SIGKILL when it still runs after stop_grace seconds (default 5; a script
# may set it), reaped and forgotten; sets stopped_rc to its exit status (143 after SIGTERM, 137 after SIGKILL). PID
# must be a child of this shell.
stop_pid() {
  stopped_rc=0
  if kill -"${2:-TERM}" "$1" 2>/dev/null; then
    wait_until "${stop_grace:-5}" exited "$1" || kill -KILL "$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || stopped_rc=$?
  forget "$1"
}
stop_started() { local pid; for pid in ${started[@]+"${started[@]}"}; do stop_pid "$pid"; done; }

# nginx_temp_paths DIR: the lines of an http block that put nginx's temporary files under DIR, for an nginx run from a
# work folder by a user who may not write its default folders (/var/lib/nginx).
nginx_temp_paths() {
  local kind
  for kind in client_body proxy fastcgi uwsgi scgi; do echo "  ${kind}_temp_path $1/${kind/client_body/body};"; done
}
