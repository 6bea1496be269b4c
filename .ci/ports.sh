# Loopback ports for the scripts, never guessed (issue 13, item 10). Sourced (bash) by .ci/run, systemd/check.sh,
# e2e/run.sh and bench/*.sh, from the repository's root; needs python3 for hold_ports.

# hold_ports FILE VAR… [-- ADDRESS…]: as many ports as VARs, held on TCP and UDP at every ADDRESS (127.0.0.1 by default)
# by .ci/hold-ports.py in the background until this shell exits; sets each VAR, and held_ports_pid to the holder's PID
# (stop it at exit with the script's other processes). FILE receives the holder's output. Fails after 10 s.
hold_ports() {
  local file=$1 vars=() addresses=() line='' waited
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
  [ $# -eq 0 ] || { shift; addresses=("$@"); }
  python3 .ci/hold-ports.py "${#vars[@]}" ${addresses[@]+"${addresses[@]}"} >"$file" 2>&1 &
  held_ports_pid=$!
  for waited in $(seq 100); do
    line=$(head -n 1 "$file" 2>/dev/null)
    [[ $line =~ ^[0-9\ ]+$ ]] && break
    ports_alive "$held_ports_pid" || { echo "hold-ports.py: $(cat "$file")" >&2; return 1; }
    sleep 0.1
  done
  [[ $line =~ ^[0-9\ ]+$ ]] || { echo "hold-ports.py printed no ports within $((waited / 10)) s" >&2; return 1; }
  read -r "${vars[@]}" <<<"$line"
}

# listen_port LOG PID [SECONDS]: the port of an agent started with `vigil run --listen 127.0.0.1:0 2>LOG`, read from its
# "listening on http://127.0.0.1:PORT/metrics" line once it is ready; fails when PID exits first or after SECONDS (30).
listen_port() {
  local port='' deadline=$((SECONDS + ${3:-30}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/metrics.*|\1|p' "$1" | head -n 1)
    if [ -n "$port" ] && curl -sf --max-time 2 "http://127.0.0.1:$port/-/ready" >/dev/null; then
      echo "$port"
      return 0
    fi
    ports_alive "$2" || { echo "the agent (PID $2) exited before it was ready" >&2; return 1; }
    sleep 0.1
  done
  echo "the agent (PID $2) was not ready within ${3:-30} s" >&2
  return 1
}

ports_alive() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) && [[ ${stat##*) } != Z* ]]; }   # PID: not a zombie
