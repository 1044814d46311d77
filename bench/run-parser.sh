#!/usr/bin/env bash
# JMH parser benchmark: Ramal's SipParser against JAIN-SIP RI's StringMsgParser.
# usage: bench/run-parser.sh [extra JMH options, e.g. -p message=INVITE]
# Builds bench/target/benchmarks.jar and writes the results to bench/results/parser-<date>.txt
# and .json. The jar is built against the ramal-sip / ramal-pbx in the local Maven repository:
# by default ~/.m2, which needs `mvn install` of the main modules first. With
# REPO_LOCAL=<dir> (a private copy of ~/.m2/repository, never ~/.m2 itself, which other
# checkouts share), this checkout's sip and pbx are installed there and used instead.
set -euo pipefail
readonly BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$BENCH/lib/jdk.sh"
find_jdk
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
repo=()
if [[ -n "${REPO_LOCAL:-}" ]]; then
  [[ "$(cd "$REPO_LOCAL" && pwd)" != "$(cd ~/.m2/repository 2>/dev/null && pwd)" ]] \
    || { echo "REPO_LOCAL must not be ~/.m2/repository" >&2; exit 1; }
  repo=(-Dmaven.repo.local="$REPO_LOCAL")
  mvn -q -B -o "${repo[@]}" -f "$BENCH/../pom.xml" -pl pbx -am install -DskipTests 2>&1 | sed -u 's/\x1b\[0m//g'
fi
mvn -q -B -ntp "${repo[@]}" -f "$BENCH/pom.xml" package -DskipTests 2>&1 | sed -u 's/\x1b\[0m//g'
mkdir -p "$BENCH/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -jar "$BENCH/target/benchmarks.jar" ParserBenchmark \
  -rf json -rff "$BENCH/results/parser-$stamp.json" "$@" 2>&1 | tee "$BENCH/results/parser-$stamp.txt"
