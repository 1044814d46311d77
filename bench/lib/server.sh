# Sourced by the SIPp bench scripts: free ports, a Ramal demo server in the background, CPU and
# metrics readings, and clean-up of exactly the processes these scripts started.
# Needs: ROOT (repository root), RUN_DIR (scratch directory of this run).

STARTED_PIDS=()
TAKEN_PORTS=" "

# A port in 20000..32699 (below the kernel's ephemeral range) that nothing uses over UDP or TCP and this run has not handed
# out yet. With step > 1, ports port..port+step-1 are all free (SIPp media uses 4 from -mp).
free_port() {
  local step="${1:-1}" port i busy tries=0
  while (( tries++ < 500 )); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12700 ))
    busy=0
    for (( i = 0; i < step; i++ )); do
      if [[ "$TAKEN_PORTS" == *" $((port + i)) "* ]] \
          || [[ -n "$(ss -Hanu "sport = :$((port + i))" 2>/dev/null)" ]] \
          || [[ -n "$(ss -Hant "sport = :$((port + i))" 2>/dev/null)" ]]; then
        busy=1
        break
      fi
    done
    if (( busy == 0 )); then
      for (( i = 0; i < step; i++ )); do TAKEN_PORTS+="$((port + i)) "; done
      echo "$port"
      return 0
    fi
  done
  echo "bench: no free port found" >&2
  return 1
}

# Starts `ramal demo` on HTTP_PORT and SIP_PORT with a data directory in RUN_DIR; sets SERVER_PID.
# RAMAL_LAUNCH=ramal (default) runs ./ramal demo, which builds first when sources are newer than the
# server jar; RAMAL_LAUNCH=copy runs a copy of the built server jar and its lib/ directory taken at
# start (as ./ramal would run it), so a rebuild in the checkout during the run cannot disturb it;
# in copy mode RAMAL_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=run.jfr).
# RAMAL_CONFIG=FILE passes --config FILE (laid over the demo defaults).
start_server() {
  local log="$RUN_DIR/server.log"
  local -a config=()
  [[ -n "${RAMAL_CONFIG:-}" ]] && config=(--config "$RAMAL_CONFIG")
  case "${RAMAL_LAUNCH:-ramal}" in
    ramal)
      "$ROOT/ramal" demo "${config[@]}" --data-dir "$RUN_DIR/data" --http-port "$HTTP_PORT" --sip-port "$SIP_PORT" >"$log" 2>&1 &
      SERVER_PID=$!
      ;;
    copy)
      local jar
      jar="$(ls "$ROOT"/server/target/ramal-server-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n1)"
      [[ -n "$jar" && -d "$ROOT/server/target/lib" ]] || { echo "bench: build the server first (./ramal build)" >&2; return 1; }
      mkdir -p "$RUN_DIR/server"
      cp "$jar" "$RUN_DIR/server/ramal-server.jar"
      cp -r "$ROOT/server/target/lib" "$RUN_DIR/server/lib"
      local -a extra=()
      # as ./ramal does: thread priorities reach Linux when the JVM may change nice values (root)
      read -r -a extra <<<"$([[ "$(id -u)" == 0 ]] && echo -XX:ThreadPriorityPolicy=1) ${RAMAL_JAVA_OPTS:-}"
      (cd "$RUN_DIR" && exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+ExitOnOutOfMemoryError "${extra[@]}" \
        -cp "$RUN_DIR/server/ramal-server.jar:$RUN_DIR/server/lib/*" io.ramal.server.Main \
        demo "${config[@]}" --data-dir "$RUN_DIR/data" --http-port "$HTTP_PORT" --sip-port "$SIP_PORT") >"$log" 2>&1 &
      SERVER_PID=$!
      ;;
    *) echo "bench: RAMAL_LAUNCH must be ramal or copy" >&2; return 1 ;;
  esac
  STARTED_PIDS+=("$SERVER_PID")
  local waited=0
  # ./ramal may build first: allow several minutes before giving up.
  until curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/health" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "bench: the server exited during start-up; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    (( waited++ < 3000 )) || { echo "bench: /health did not answer within 300 s" >&2; return 1; }
    sleep 0.1
  done
}

# CPU seconds (user + system) the process has used so far, as a decimal number.
cpu_seconds() {
  local pid="$1" stat rest
  stat="$(cat "/proc/$pid/stat")" || return 1
  rest="${stat##*) }" # fields after "(comm)": state is field 3, utime 14, stime 15
  awk -v ticks="$(getconf CLK_TCK)" '{ printf "%.2f", ($12 + $13) / ticks }' <<<"$rest"
}

# "busy total" jiffies of the whole machine (user..steal; guest time is already in user), from /proc/stat.
machine_jiffies() {
  awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= 9; i++) total += $i; print total - idle, total; exit }' /proc/stat
}

# One line on the CPU used over the wall-clock time of a run, against all cores:
# machine_share BUSY_JIFFIES_BEFORE BUSY_JIFFIES_AFTER ELAPSED_S SERVER_CPU_S SIPP_CPU_S
# /proc/stat's machine-wide figure is shown apart: inside this VM it can be lower than the sum of
# the processes' own counters, so nothing is derived from the difference.
machine_share() {
  awk -v b0="$1" -v b1="$2" -v wall="$3" -v srv="$4" -v sipp="$5" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" 'BEGIN {
    total = cores * wall
    if (total <= 0) { print "machine CPU: -"; exit }
    printf "machine CPU: server + SIPp %.1f CPU-s = %.0f%% of %d cores x %.1f s; /proc/stat says the machine was %.0f%% busy\n",
      srv + sipp, 100 * (srv + sipp) / total, cores, wall, 100 * (b1 - b0) / hz / total }'
}

# The ramal_* samples of /metrics (no comments), one per line.
scrape_metrics() {
  curl -fsS "http://127.0.0.1:$HTTP_PORT/metrics" 2>/dev/null | grep '^ramal_' || true
}

# Value of one sample (exact name with labels) in a scrape, 0 when absent.
metric() {
  local scrape="$1" name="$2"
  awk -v n="$name" '$1 == n { v = $2 } END { printf "%.0f", v + 0 }' <<<"$scrape"
}

# Stops the processes this run started, newest first: SIGTERM, then SIGKILL after 10 s.
stop_started() {
  local i pid waited
  for (( i = ${#STARTED_PIDS[@]} - 1; i >= 0; i-- )); do
    pid="${STARTED_PIDS[$i]}"
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    waited=0
    while kill -0 "$pid" 2>/dev/null && (( waited++ < 100 )); do sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

# Warnings and errors the server logged, at most 20 distinct messages with their counts.
server_problems() {
  local log="$RUN_DIR/server.log"
  grep -E 'level=(WARN|ERROR)|Exception|OutOfMemory' "$log" 2>/dev/null \
    | sed -E 's/^ts=[^ ]+ //' | sort | uniq -c | sort -rn | sed -n '1,20p' || true
}

# "tid name ticks" for every thread of the process (name with spaces replaced by _).
thread_ticks() {
  local pid="$1" f stat name rest
  for f in /proc/"$pid"/task/*/stat; do
    stat="$(cat "$f" 2>/dev/null)" || continue
    name="${stat#*(}"
    name="${name%) *}"
    rest="${stat##*) }"
    awk -v tid="${f//[^0-9\/]/}" -v n="${name// /_}" '{ split(tid, p, "/"); print p[5], n, $12 + $13 }' <<<"$rest"
  done
}

# The busiest threads between two thread_ticks snapshots: "cpu-seconds name", top 6.
busiest_threads() {
  local before="$1" after="$2"
  awk -v ticks="$(getconf CLK_TCK)" '
    NR == FNR { base[$1] = $3; next }
    { d = $3 - base[$1]; if (d > 0) printf "%.1f %s\n", d / ticks, $2 }
  ' <(echo "$before") <(echo "$after") | sort -rn | awk '{ sum[$2] += $1 } END { for (n in sum) printf "%.1f %s\n", sum[n], n }' \
    | sort -rn | sed -n '1,6p'
}

# Datagrams the kernel dropped because a UDP receive buffer was full (machine-wide counter).
udp_receive_drops() {
  awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 } else { print $c; exit } }' /proc/net/snmp
}

# Heap in use after a full collection, in bytes (jcmd GC.run, then GC.heap_info's "used").
heap_after_gc() {
  local pid="$1"
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null 2>&1 || return 1
  sleep 1
  "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null \
    | awk '!done && /total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v * 1024; done = 1 } }'
}

# The classes holding the most heap: "instances bytes class", top N.
heap_histogram() {
  # awk reads to the end: an early exit would fail the pipeline (pipefail) with SIGPIPE.
  "$JAVA_HOME/bin/jcmd" "$1" GC.class_histogram 2>/dev/null \
    | awk -v n="${2:-8}" 'NF >= 4 && $1 ~ /^[0-9]+:$/ && shown < n { print $2, $3, $4; shown++ }'
}

# Which server build ran: the jar's build time and the checkout's commit (plus "+changes" when the
# working tree differs). Read-only git use.
server_build_line() {
  local jar commit
  jar="$(ls -t "$ROOT"/server/target/ramal-server-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | sed -n 1p)"
  commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then commit+="+changes"; fi
  echo "server build: ${jar:+$(basename "$jar") built $(date -u -r "$jar" +%Y-%m-%dT%H:%MZ), }checkout at $commit (RAMAL_LAUNCH=${RAMAL_LAUNCH:-ramal})"
}
