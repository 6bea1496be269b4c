#!/usr/bin/env bash
# Size, save time and load time of a state file with N endpoints (default 10000) whose histories look like a real
# agent's (bench/StateLoad.java builds them). Saves it once in one JVM, timing each save (write, fsync, rename, fsync
# of the directory), then loads it in BENCH_RUNS (default 7) fresh JVMs, each timing StateFile.open (lock and load) from
# inside, and prints the medians. Every JVM gets the heap and GC `bin/vigil run` gives the agent (64 MiB, serial).
# StateLoad.java is compiled once, so no run pays for compiling it.
# Usage: bench/state-load.sh [N]   (builds target/vigil.jar when it is missing or older than the sources; mvn needs
#   JAVA_HOME on a JDK 21+). Environment: BENCH_RUNS, BENCH_SAVES (saves timed in one JVM, default 6), JAVA_HOME,
#   BENCH_JAVA_OPTS (default: -XX:+UseSerialGC -Xmx64m).
# Not a test: noise fails nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
endpoints=${1:-10000}
runs=${BENCH_RUNS:-7}
saves=${BENCH_SAVES:-6}
java_opts=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m}
java=${JAVA_HOME:+$JAVA_HOME/bin/java}
java=${java:-java}
javac=${JAVA_HOME:+$JAVA_HOME/bin/javac}
javac=${javac:-javac}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f target/vigil.jar ] || [ -n "$(find src/main pom.xml -newer target/vigil.jar -print -quit)" ]; then
  echo "building target/vigil.jar" >&2
  mvn -B -q package -DskipTests
fi
"$javac" -d "$work/classes" -cp target/vigil.jar bench/StateLoad.java
# $java_opts is split into words on purpose.
run() { "$java" $java_opts -cp "target/vigil.jar:$work/classes" StateLoad "$@"; }

saved=$(run save "$work/state" "$endpoints" "$saves")
echo "$endpoints endpoints, JVM options $java_opts: $saved"
times=()
for i in $(seq "$runs"); do
  line=$(run load "$work/state")
  echo "run $i: $line"
  times+=("$(sed 's/^load_ms=\([0-9.]*\).*/\1/' <<<"$line")")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median load time of $endpoints endpoints over $runs fresh JVMs: ${median} ms (file $(sed 's/^bytes=\([0-9]*\).*/\1/' <<<"$saved") bytes)"
