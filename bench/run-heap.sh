#!/usr/bin/env bash
# Heap per registration: registers N phones (default 10,000) through the Registrar into a
# LocationService and prints the used-heap growth per binding after full collections.
# usage: bench/run-heap.sh [N]
# Builds bench/target/benchmarks.jar first (needs `mvn install` of the main modules) and writes
# the output to bench/results/heap-<date>.txt.
set -euo pipefail
readonly BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH/lib/jdk.sh"
find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -q -B -ntp -f "$BENCH/pom.xml" package -DskipTests 2>&1 | sed -u 's/\x1b\[0m//g'
mkdir -p "$BENCH/results"
out="$BENCH/results/heap-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  for gc in G1 Serial; do
    echo "# -XX:+Use${gc}GC, $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 1p)"
    "$JAVA_HOME/bin/java" "-XX:+Use${gc}GC" -Xmx1g -cp "$BENCH/target/benchmarks.jar" io.ramal.bench.RegistrationHeap "$@"
  done
} | tee "$out"
