#!/usr/bin/env bash
# JMH parser benchmark: Ramal's SipParser against JAIN-SIP RI's StringMsgParser.
# usage: bench/run-parser.sh [extra JMH options, e.g. -p message=INVITE]
# Builds bench/target/benchmarks.jar (needs `mvn install` of the main modules first) and writes
# the results to bench/results/parser-<date>.txt and .json.
set -euo pipefail
readonly BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH/lib/jdk.sh"
find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -q -B -ntp -f "$BENCH/pom.xml" package -DskipTests 2>&1 | sed -u 's/\x1b\[0m//g'
mkdir -p "$BENCH/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$BENCH/target/benchmarks.jar" ParserBenchmark \
  -rf json -rff "$BENCH/results/parser-$stamp.json" "$@" 2>&1 | tee "$BENCH/results/parser-$stamp.txt"
