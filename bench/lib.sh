# Helpers shared by the benchmarks of the long-running agent, bench/daemon.sh and bench/sidecar.sh: a loopback HTTPS
# target, blackbox_exporter, CPU and memory read from /proc. Sourced (bash 5) from the repository's root; the functions
# need .ci/lib.sh, $work (a scratch folder) and the `started` PID list.
me=${0##*/}
clk_tck=$(getconf CLK_TCK)
java=${JAVA_HOME:+$JAVA_HOME/bin/java}
java=${java:-java}

need_jar() { # exits 2 when the jar the launcher would run is not built
  [ -f "${VIGIL_JAR:-target/vigil.jar}" ] && return 0
  echo "$me: ${VIGIL_JAR:-target/vigil.jar} not found; build it first:" >&2
  echo "  JAVA_HOME=/path/to/jdk21+ mvn -B -q package -DskipTests" >&2
  exit 2
}

wait_listening() { # PORT PID NAME: until the port accepts connections, failing if PID exits first
  local status=0
  wait_port 127.0.0.1 "$1" 30 "$2" || status=$?
  case $status in
    0) ;;
    2) echo "$me: $3 exited before listening" >&2; return 1 ;;
    *) echo "$me: $3 did not listen on 127.0.0.1:$1 within 30 s" >&2; return 1 ;;
  esac
}
cpu_ticks() { # PID…: utime+stime summed, in clock ticks
  local pid stat total=0
  for pid; do
    stat=$(<"/proc/$pid/stat")
    read -r -a f <<<"${stat##*) }"   # f[0] is field 3 (state): utime is field 14, stime field 15
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}
thread_ticks() { # PID: "TID NAME TICKS" per thread, trailing digits dropped from the name to group pools
  local task stat name
  for task in /proc/"$1"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    name=${stat#*(}; name=${name%)*}; name=${name// /_}
    while [[ $name == *[0-9] ]]; do name=${name%?}; done
    read -r -a f <<<"${stat##*) }"
    echo "${task##*/} ${name:-?} $((f[11] + f[12]))"
  done
}
by_thread() { # BEFORE AFTER TOTAL_TICKS: the window's CPU per thread group, biggest six first, and exited threads'
  awk -v total="$3" -v hz="$clk_tck" 'NR == FNR { before[$1] = $3; next }
    { d = $3 - before[$1]; cpu[$2] += d; seen += d }
    END { n = 0
          for (g in cpu) if (cpu[g] > 0) order[++n] = g
          for (i = 2; i <= n; i++) for (j = i; j > 1 && cpu[order[j]] > cpu[order[j-1]]; j--) { t = order[j]; order[j] = order[j-1]; order[j-1] = t }
          for (i = 1; i <= n && i <= 6; i++) printf "%s %.1f s, ", order[i], cpu[order[i]] / hz
          if (total - seen >= 0.1 * hz) printf "threads that exited %.1f s, ", (total - seen) / hz
          print "" }' "$1" "$2" | sed 's/, $//'
}
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }   # busy, all CPUs
status_kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }   # PID KEY: e.g. VmHWM in KiB
metric() { # FILE NAME [SELECTOR]: sum of the samples of NAME whose labels contain SELECTOR
  awk -v name="$2" -v sel="${3:-}" '
    (index($0, name "{") == 1 || index($0, name " ") == 1) && index($0, sel) { sum += $NF; seen = 1 }
    END { if (seen) printf "%.10g\n", sum; else print "n/a" }' "$1"
}
ms() { awk -v s="$1" 'BEGIN { if (s == "n/a") print s; else printf "%.1f ms", s * 1000 }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
verdict() { awk "BEGIN { print ($1) ? \"meets\" : \"MISSES\" }"; }   # CONDITION


# start_https_target PORT: nginx (or bench/TlsTarget.java without it, or with BENCH_TARGET=java) serving 200 "ok" on
# 127.0.0.1:PORT with a fresh ECDSA P-256 certificate for localhost ($work/ca.pem); sets target_pid, target_pids (the
# processes whose CPU is the target's) and target_desc.
start_https_target() {
  local target_port=$1 target_kind
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost -keyout "$work/key.pem" -out "$work/ca.pem" 2>/dev/null
  target_kind=${BENCH_TARGET:-auto}
  if [ "$target_kind" = auto ]; then
    if command -v nginx >/dev/null; then target_kind=nginx; else target_kind=java; fi
  fi
  if [ "$target_kind" = nginx ]; then
    mkdir -p "$work/nginx"
    cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
worker_rlimit_nofile 8192;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
$(nginx_temp_paths "$work/nginx")
  log_format handshakes '\$ssl_session_reused \$connection_requests \$ssl_protocol \$status';
  access_log $work/nginx/access.log handshakes;
  server {
    listen 127.0.0.1:$target_port ssl;
    server_name localhost;
    ssl_certificate $work/ca.pem;
    ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / { return 200 "ok"; }
  }
}
EOF
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
    target_pid=$!
    started+=("$target_pid")
    wait_listening "$target_port" "$target_pid" nginx
    wait_until 10 pgrep -P "$target_pid" >/dev/null || true   # the master listens, then forks
    mapfile -t target_pids < <(echo "$target_pid"; pgrep -P "$target_pid")
    target_desc="$(nginx -v 2>&1 | sed 's/^nginx version: //'), $(( ${#target_pids[@]} - 1 )) worker(s)"
  else
    command -v nginx >/dev/null || echo "note: nginx not installed (apt-get install -y nginx-light); using bench/TlsTarget.java"
    openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/ca.pem" -passout pass:bench -out "$work/target.p12"
    "$java" bench/TlsTarget.java "$target_port" "$work/target.p12" bench >"$work/target.log" 2>&1 &
    target_pid=$!
    started+=("$target_pid")
    wait_listening "$target_port" "$target_pid" TlsTarget
    target_pids=("$target_pid")
    target_desc="bench/TlsTarget.java (JDK HttpsServer)"
  fi
}
access_lines() { if [ -f "$work/nginx/access.log" ]; then wc -l <"$work/nginx/access.log"; else echo 0; fi; }
handshake_summary() { # FIRST_LINE: what nginx logged from that line on
  [ -f "$work/nginx/access.log" ] || { echo "n/a (nginx only)"; return; }
  tail -n +"$1" "$work/nginx/access.log" | awk '
    { n++; if ($1 == "r") resumed++; if ($2 > 1) reused++; if ($4 != 200) bad++; proto[$3]++ }
    END { p = ""; for (k in proto) p = p " " k "=" proto[k]
          printf "%d requests, %d on a reused connection, %d resumed TLS sessions, %d not 200;%s\n",
                 n, reused, resumed, bad, p }'
}

# start_blackbox PORT: Debian's prometheus-blackbox-exporter (installed with apt-get when missing and root) on
# 127.0.0.1:PORT with one module, https_fresh, trusting $work/ca.pem; sets bb_pid.
start_blackbox() {
  if ! command -v prometheus-blackbox-exporter >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      echo "installing prometheus-blackbox-exporter from Debian's packages"
      apt-get install -y -q prometheus-blackbox-exporter >"$work/apt.log" 2>&1 \
        || { echo "$me: apt-get install prometheus-blackbox-exporter failed:" >&2; tail -5 "$work/apt.log" >&2; exit 1; }
    else
      echo "$me: needs prometheus-blackbox-exporter (apt-get install -y prometheus-blackbox-exporter)" >&2
      exit 2
    fi
  fi
  cat >"$work/blackbox.yml" <<EOF
modules:
  https_fresh:
    prober: http
    timeout: 10s
    http:
      preferred_ip_protocol: ip4
      ip_protocol_fallback: false
      tls_config:
        ca_file: $work/ca.pem
EOF
  prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$1" \
    >"$work/blackbox.log" 2>&1 &
  bb_pid=$!
  started+=("$bb_pid")
  wait_listening "$1" "$bb_pid" prometheus-blackbox-exporter
  echo "blackbox: $(prometheus-blackbox-exporter --version 2>&1 | head -1)"
}
