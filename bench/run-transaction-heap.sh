#!/usr/bin/env bash
# Heap per completed SIP transaction: io.ramal.bench.TransactionHeap drives N transactions of one
# kind (default 10,000) into their Completed state and prints the used-heap growth per transaction
# after full collections; this runs it for the four kinds, one JVM each, under G1 and Serial GC.
# usage: bench/run-transaction-heap.sh [N]
# The program needs ramal-sip only, so this script does not build the JMH jar: it compiles this
# checkout's sip module (offline; nothing is installed) and the program against its classes, and
# writes the output to bench/results/transaction-heap-<date>.txt. SIP_CLASSES=<dir> measures other
# sip classes instead (e.g. an older commit's sip/target/classes, for a before/after comparison).
set -euo pipefail
readonly BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH/lib/jdk.sh"
find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
if [[ -z "${SIP_CLASSES:-}" ]]; then
  mvn -q -B -o -f "$BENCH/../pom.xml" -pl sip compile 2>&1 | sed -u 's/\x1b\[0m//g'
  SIP_CLASSES="$BENCH/../sip/target/classes"
  label="this checkout ($(git -C "$BENCH" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$BENCH" diff --quiet HEAD -- ../sip 2>/dev/null || echo ' + uncommitted sip changes'))"
else
  label="$SIP_CLASSES"
fi
classes="$BENCH/target/transaction-heap-classes"
rm -rf "$classes"
mkdir -p "$classes" "$BENCH/results"
"$JAVA_HOME/bin/javac" -d "$classes" -cp "$SIP_CLASSES" \
  "$BENCH/src/main/java/io/ramal/bench/TransactionHeap.java" "$BENCH/src/main/java/io/ramal/bench/UsedHeap.java"
out="$BENCH/results/transaction-heap-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# sip classes: $label"
  for gc in G1 Serial; do
    echo "# -XX:+Use${gc}GC, $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 1p)"
    for kind in server-non-invite server-invite client-non-invite client-invite; do
      "$JAVA_HOME/bin/java" "-XX:+Use${gc}GC" -Xmx1g -cp "$classes:$SIP_CLASSES" io.ramal.bench.TransactionHeap "${1:-10000}" "$kind"
    done
  done
} | tee "$out"
