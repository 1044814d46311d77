# Sourced by the bench scripts: find_jdk sets JAVA_HOME to a JDK >= 21 ($JAVA_HOME first, then
# the newest one under the usual JVM directories), like ./ramal does.
java_feature_version() {
  local v
  v="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  v="${v#1.}"
  v="${v%%[.+-]*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
  return 0
}

find_jdk() {
  local best="" best_v=0 dir v
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]]; then
    v="$(java_feature_version "$JAVA_HOME")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then export JAVA_HOME; return; fi
  fi
  for dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/*; do
    [[ -x "$dir/bin/javac" ]] || continue
    v="$(java_feature_version "$dir")"
    if [[ -n "$v" && "$v" -ge 21 && "$v" -gt "$best_v" ]]; then best="$dir"; best_v="$v"; fi
  done
  [[ -n "$best" ]] || { echo "bench: no JDK >= 21 found" >&2; exit 1; }
  export JAVA_HOME="$best"
}
