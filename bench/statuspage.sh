#!/usr/bin/env bash
# Cost of the status page's list (issue 20) with N synthetic probes (default 10000): 1 in 50 down with a cause, two
# labels each, a full day of runs at a 30 s interval in each probe's ring. bench/StatusPage.java renders the first
# page, a far page, a search that scans every probe and a filter, and as the anchor writes the /metrics families of
# the same probes, in one JVM with the heap and GC `bin/vigil run` gives the agent; it prints the median time and the
# bytes allocated per render, and each case's time as a ratio to the anchor's.
# Usage: bench/statuspage.sh [N]   (build first: mvn -B -q package -DskipTests). Environment: BENCH_ITERATIONS (renders timed per case, after as many warm-up ones;
#   default 50), JAVA_HOME, BENCH_JAVA_OPTS (default: -XX:+UseSerialGC -Xmx64m). Not a test: noise fails nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
probes=${1:-10000}
iterations=${BENCH_ITERATIONS:-50}
java_opts=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m}
source bench/lib.sh # java, need_jar
need_jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${java%java}javac" -d "$work/classes" -cp target/vigil.jar bench/StatusPage.java
echo "$probes probes, $iterations renders per case, JVM options $java_opts"
# $java_opts is split into words on purpose.
"$java" $java_opts -cp "target/vigil.jar:$work/classes" StatusPage "$probes" "$iterations"
