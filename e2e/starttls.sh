# Scenario 6, sourced by e2e/run.sh after its other scenarios: STARTTLS against a real server, Debian's PostgreSQL.
#
#   starttls-postgres  a throw-away cluster (initdb, run as the postgres user, only on 127.0.0.1 at a held port, its
#                      Unix socket in the work folder) with ssl=on and a leaf of the suite's CA:
#                      vigil probe --starttls postgres --ca-file … tls://127.0.0.1:PORT is 0 (OK) and shows the leaf;
#                      ssl switched off and the server reloaded (SIGHUP): 2 (CRITICAL), starttls, "answered 'N'"
#
# Uses run.sh's helpers (scenario, fail, free_ports, issue, probe, stop_pid, wait_until, listening, apt_install). Installs
# the postgresql package when no /usr/lib/postgresql/*/bin/postgres is found (root only).

# pg_bin: the newest PostgreSQL server's bin folder; installs postgresql as root when there is none.
pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] && [ "$(id -u)" = 0 ]; then
    echo "e2e: installing postgresql from Debian's packages" >&2
    apt_install postgresql || return 1
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -x "$bin/postgres" ] && echo "$bin"
}

starttls_postgres() {
  local bin data=$work/pg out=$work/starttls-postgres.out pg_pid as_pg=()
  # PostgreSQL refuses to run as root. setpriv execs the server, so the PID started is the server's own.
  [ "$(id -u)" != 0 ] || as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  bin=$(pg_bin) || { fail "no PostgreSQL server, and it could not be installed" "$work/apt.log"; return; }
  free_ports pg_port || { fail "python3 could not hold a loopback port" "$work/ports"; return; }
  issue db.vigil.test "DNS:db.vigil.test,IP:127.0.0.1" 90 || { fail "openssl could not issue the leaf" "$pki/openssl.log"; return; }
  mkdir -p "$data"
  cp "$pki/db.vigil.test.pem" "$data/server.crt" && cp "$pki/db.vigil.test.key" "$data/server.key"
  [ "$(id -u)" != 0 ] || chown -R postgres:postgres "$data"
  chmod 700 "$data" && chmod 600 "$data/server.key"
  ${as_pg[@]+"${as_pg[@]}"} "$bin/initdb" -D "$data/cluster" -A trust -U vigil >"$work/initdb.log" 2>&1 \
    || { fail "initdb failed" "$work/initdb.log"; return; }
  printf '%s\n' "listen_addresses = '127.0.0.1'" "port = $pg_port" "unix_socket_directories = '$data'" \
    "ssl = on" "ssl_cert_file = '$data/server.crt'" "ssl_key_file = '$data/server.key'" >>"$data/cluster/postgresql.conf"
  ${as_pg[@]+"${as_pg[@]}"} "$bin/postgres" -D "$data/cluster" >"$work/postgres.log" 2>&1 &
  pg_pid=$!
  started+=("$pg_pid")
  wait_until 30 listening 127.0.0.1 "$pg_port" || { fail "postgres did not listen on 127.0.0.1:$pg_port" "$work/postgres.log"; return; }

  probe "$out" -o json --ca-file "$pki/ca.pem" --starttls postgres "tls://127.0.0.1:$pg_port"
  [ "$rc" -eq 0 ] || { fail "exit $rc with ssl=on, expected 0 (OK)" "$out" "$work/postgres.log"; return; }
  grep -q '"subject" *: *"CN=db.vigil.test"' "$out" || { fail "the leaf CN=db.vigil.test is not in the report" "$out"; return; }

  # ssl is reloadable: the next connection is answered 'N'.
  sed -i 's/^ssl = on$/ssl = off/' "$data/cluster/postgresql.conf"
  kill -HUP "$pg_pid"
  pg_refuses() { probe "$out" --ca-file "$pki/ca.pem" --starttls postgres "tls://127.0.0.1:$pg_port"; [ "$rc" -eq 2 ]; }
  wait_until 20 pg_refuses || { fail "exit $rc with ssl=off, expected 2 (CRITICAL)" "$out" "$work/postgres.log"; return; }
  grep -q "starttls" "$out" && grep -q "the PostgreSQL server refused STARTTLS: it answered 'N'" "$out" \
    || { fail "ssl=off is not reported as a refused STARTTLS" "$out"; return; }
  stop_pid "$pg_pid" INT   # a fast shutdown
}

scenario starttls-postgres starttls_postgres
