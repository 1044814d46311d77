#!/usr/bin/env bash
# Call load against `ramal demo` with SIPp: authenticated calls from 1001 to a registered 1002.
#
# usage: bench/sipp-load.sh RATE DURATION_SECONDS
#   RATE              new calls per second, split over several SIPp caller processes
#   DURATION_SECONDS  how long calls are started; RATE * DURATION calls in total
# environment (optional):
#   CALL_MS=1000        call length: the caller's pause between ACK and BYE
#   CALLER_PROCS        SIPp caller processes (default: one per started 400 calls/s)
#   RAMAL_LAUNCH=ramal  `ramal` runs ./ramal demo (builds if sources changed);
#                       `copy` runs a copy of the already built server/target jar and lib/
#   KEEP_RUN_DIR=1      keep the scratch directory (server log, SIPp stats and rtt files)
#   RAMAL_JAVA_OPTS     extra JVM options for the server (copy mode only), e.g. a flight recording
#   HEAP_CHECK=1        leak check: heap after a full GC before the load, and again once every call
#                       and transaction has ended (waits up to 90 s), with the top classes
#   EVENT_PROBE=1       also measure INVITE -> call.delivered at a WebSocket client (bench/probe;
#                       it subscribes before the warm-up and counts only the measured calls)
#   WARMUP_SECONDS=0    before measuring, place calls at min(RATE, 200)/s for this long so the
#                       server's JIT has compiled the hot paths (0 = measure a cold server)
#   AUDIO=1             both phones play SIPp's g711a.pcap (A-law) once the call is answered, so
#                       RTP flows through the anchored media on both legs (uac-digest-rtd-audio.xml,
#                       uas-answer-now-audio.xml); the calls offer A-law only
#   RECORD=1            every call is recorded: the demo tenant is set to `record: always` (a
#                       config file in the run directory); the summary adds the recordings written
#                       and waits (up to 120 s) for their MP3s, counting the finisher's CPU too
#   CAPTURE=1           with AUDIO=1: tcpdump records the loopback's UDP while the measured calls
#                       run, and bench/probe/RelayDelay.java works out how long the server held
#                       each relayed RTP packet (needs tcpdump and root; adds tcpdump's own CPU)
#
# Starts the server on free loopback ports with a fresh data directory, registers callee 1002
# (bench/sipp/register-and-serve.xml answering with uas-answer-now.xml), runs the callers
# (uac-digest-rtd.xml as 1001), then prints completed and failed calls, retransmissions, server
# CPU per 1,000 calls and INVITE->180 response times, and stops every process it started.
# The summary is also written to bench/results/.
set -euo pipefail

readonly BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT="$(dirname "$BENCH")"
readonly SCENARIOS="$BENCH/sipp"

[[ $# -eq 2 && "$1" =~ ^[0-9]+$ && "$2" =~ ^[0-9]+$ && "$1" -gt 0 && "$2" -gt 0 ]] \
  || { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
readonly RATE="$1" DURATION="$2"
readonly TOTAL=$(( RATE * DURATION ))
readonly CALL_MS="${CALL_MS:-1000}"
readonly PROCS="${CALLER_PROCS:-$(( (RATE + 399) / 400 ))}"
readonly WARMUP_SECONDS="${WARMUP_SECONDS:-0}"
readonly WARMUP_RATE=$(( RATE < 200 ? RATE : 200 ))
readonly WARMUP_CALLS=$(( WARMUP_RATE * WARMUP_SECONDS ))
if [[ "${AUDIO:-0}" == 1 ]]; then
  readonly CALLER_SCENARIO=uac-digest-rtd-audio.xml CALLEE_SCENARIO=uas-answer-now-audio.xml
  [[ -r /usr/share/sip-tester/g711a.pcap ]] || { echo "bench: AUDIO=1 needs SIPp's g711a.pcap (sip-tester)" >&2; exit 1; }
elif [[ "${CAPTURE:-0}" == 1 ]]; then
  echo "bench: CAPTURE=1 needs AUDIO=1" >&2; exit 2
else
  readonly CALLER_SCENARIO=uac-digest-rtd.xml CALLEE_SCENARIO=uas-answer-now.xml
fi
command -v sipp >/dev/null || { echo "bench: SIPp is missing (apt-get install sip-tester)" >&2; exit 1; }
if [[ "${CAPTURE:-0}" == 1 ]]; then
  command -v tcpdump >/dev/null || { echo "bench: CAPTURE=1 needs tcpdump (apt-get install tcpdump)" >&2; exit 1; }
fi

source "$BENCH/lib/jdk.sh"
source "$BENCH/lib/server.sh"
source "$BENCH/lib/sipp.sh"
find_jdk

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ramal-sipp-load.XXXXXX")"
cleanup() {
  stop_started
  if [[ "${KEEP_RUN_DIR:-0}" == 1 ]]; then echo "run directory kept: $RUN_DIR" >&2; else rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${RECORD:-0}" == 1 ]]; then
  # In demo mode a tenants list replaces the demo tenant: give it back, recording every call.
  cat >"$RUN_DIR/record-always.yaml" <<'YAML'
tenants:
  - id: demo
    name: Demo
    domains: [127.0.0.1, localhost]
    record: always
    extensions:
      - {number: "1001", password: demo1001}
      - {number: "1002", password: demo1002}
      - {number: "1003", password: demo1003}
YAML
  export RAMAL_CONFIG="$RUN_DIR/record-always.yaml"
fi

HTTP_PORT="$(free_port)"
SIP_PORT="$(free_port)"
echo "starting ramal demo (http $HTTP_PORT, sip $SIP_PORT)..." >&2
start_server
server_build="$(server_build_line)"

# Callee 1002: registers, then answers every call at once; exits when all TOTAL calls were handled.
printf 'SEQUENTIAL\n1002;[authentication username=1002 password=demo1002]\n' >"$RUN_DIR/callee.csv"
printf 'SEQUENTIAL\n1001;[authentication username=1001 password=demo1001]\n' >"$RUN_DIR/caller.csv"
mkdir -p "$RUN_DIR/callee"
callee_port="$(free_port)"
callee_media="$(free_port 4)"
(cd "$RUN_DIR/callee" && exec sipp -sf "$SCENARIOS/register-and-serve.xml" -oocsf "$SCENARIOS/$CALLEE_SCENARIO" \
  -inf "$RUN_DIR/callee.csv" -key domain 127.0.0.1 -set expected_calls "$(( TOTAL + WARMUP_CALLS ))" \
  -i 127.0.0.1 -p "$callee_port" -mp "$callee_media" -m 1 -l 15000 -buff_size 4194304 "127.0.0.1:$SIP_PORT" \
  -nostdin -trace_stat -stf stat.csv -fd 5 -trace_screen) >"$RUN_DIR/callee/out.txt" 2>&1 &
CALLEE_PID=$!
STARTED_PIDS+=("$CALLEE_PID")
waited=0
until [[ "$(metric "$(scrape_metrics)" ramal_sip_registrations)" -ge 1 ]]; do
  kill -0 "$CALLEE_PID" 2>/dev/null || { echo "bench: callee SIPp exited before registering" >&2; tail -n 20 "$RUN_DIR/callee/out.txt" >&2; exit 1; }
  (( waited++ < 100 )) || { echo "bench: callee 1002 did not register within 10 s" >&2; exit 1; }
  sleep 0.1
done

if [[ "${EVENT_PROBE:-0}" == 1 ]]; then
  "$JAVA_HOME/bin/java" "$BENCH/probe/DeliveredLatency.java" "$HTTP_PORT" "$TOTAL" "$(( WARMUP_SECONDS + DURATION + 60 ))" "$RUN_DIR/measure-from" \
    >"$RUN_DIR/probe.txt" 2>"$RUN_DIR/probe.err" &
  PROBE_PID=$!
  STARTED_PIDS+=("$PROBE_PID")
  waited=0
  until grep -q subscribed "$RUN_DIR/probe.err" 2>/dev/null; do
    kill -0 "$PROBE_PID" 2>/dev/null || { echo "bench: event probe failed" >&2; cat "$RUN_DIR/probe.err" >&2; exit 1; }
    (( waited++ < 300 )) || { echo "bench: event probe did not subscribe within 30 s" >&2; exit 1; }
    sleep 0.1
  done
fi

if (( WARMUP_CALLS > 0 )); then
  echo "warming up: $WARMUP_RATE calls/s for $WARMUP_SECONDS s..." >&2
  mkdir -p "$RUN_DIR/warmup"
  (cd "$RUN_DIR/warmup" && exec sipp -sf "$SCENARIOS/$CALLER_SCENARIO" -inf "$RUN_DIR/caller.csv" -key domain 127.0.0.1 -s 1002 \
    -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port 4)" -r "$WARMUP_RATE" -m "$WARMUP_CALLS" -d "$CALL_MS" \
    -timeout "$(( WARMUP_SECONDS + 60 ))s" -buff_size 4194304 "127.0.0.1:$SIP_PORT" -nostdin -trace_stat -stf stat.csv) \
    >"$RUN_DIR/warmup/out.txt" 2>&1 &
  warmup_pid=$!
  STARTED_PIDS+=("$warmup_pid")
  wait "$warmup_pid" || echo "bench: warm-up calls had failures (see $RUN_DIR/warmup)" >&2
  sleep 2
fi

if [[ "${HEAP_CHECK:-0}" == 1 ]]; then heap_before="$(heap_after_gc "$SERVER_PID")"; fi

if [[ "${CAPTURE:-0}" == 1 ]]; then
  # -Z root: tcpdump would otherwise drop to its own user, which cannot write the run directory.
  tcpdump -i lo -n -s 2048 -B 65536 --time-stamp-precision=nano -Z root -w "$RUN_DIR/relay.pcap" udp \
    2>"$RUN_DIR/tcpdump.err" &
  CAPTURE_PID=$!
  STARTED_PIDS+=("$CAPTURE_PID")
  waited=0
  until grep -q "listening on" "$RUN_DIR/tcpdump.err" 2>/dev/null; do
    kill -0 "$CAPTURE_PID" 2>/dev/null || { echo "bench: tcpdump failed" >&2; cat "$RUN_DIR/tcpdump.err" >&2; exit 1; }
    (( waited++ < 100 )) || { echo "bench: tcpdump did not start within 10 s" >&2; exit 1; }
    sleep 0.1
  done
fi

metrics_before="$(scrape_metrics)"
cpu_before="$(cpu_seconds "$SERVER_PID")"
threads_before="$(thread_ticks "$SERVER_PID")"
read -r busy_before total_before < <(machine_jiffies)
read -r udp_drops_before < <(udp_receive_drops)
started_at="$(date +%s.%N)"
date +%s%N >"$RUN_DIR/measure-from.tmp" && mv "$RUN_DIR/measure-from.tmp" "$RUN_DIR/measure-from"

echo "calling: $RATE calls/s for $DURATION s ($TOTAL calls, ${CALL_MS} ms each) over $PROCS SIPp process(es)..." >&2
caller_pids=()
stat_files=()
for (( k = 0; k < PROCS; k++ )); do
  rate_k=$(( RATE / PROCS + (k < RATE % PROCS ? 1 : 0) ))
  calls_k=$(( rate_k * DURATION ))
  # Enough room for the calls in progress (setup + CALL_MS) with some slack; a lower limit would throttle.
  limit_k=$(( rate_k * (CALL_MS + 3000) / 1000 + 50 ))
  dir="$RUN_DIR/caller-$k"
  mkdir -p "$dir"
  (cd "$dir" && exec sipp -sf "$SCENARIOS/$CALLER_SCENARIO" -inf "$RUN_DIR/caller.csv" -key domain 127.0.0.1 -s 1002 \
    -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port 4)" -r "$rate_k" -m "$calls_k" -l "$limit_k" -d "$CALL_MS" \
    -timeout "$(( DURATION + 90 ))s" -buff_size 4194304 "127.0.0.1:$SIP_PORT" \
    -nostdin -trace_stat -stf stat.csv -fd 5 -trace_screen -trace_rtt -rtt_freq 20 -trace_err -error_file errors.log) \
    >"$dir/out.txt" 2>&1 &
  caller_pids+=("$!")
  STARTED_PIDS+=("$!")
  stat_files+=("$dir/stat.csv")
done

# Sample the callers' CPU while they run (a process's counters vanish when it exits).
declare -A caller_cpu=()
callee_cpu=0
while :; do
  alive=0
  if c="$(cpu_seconds "$CALLEE_PID" 2>/dev/null)"; then callee_cpu="$c"; fi
  for pid in "${caller_pids[@]}"; do
    if c="$(cpu_seconds "$pid" 2>/dev/null)"; then caller_cpu[$pid]="$c"; alive=1; fi
  done
  (( alive )) || break
  sleep 1
done
caller_rc=0
for pid in "${caller_pids[@]}"; do
  wait "$pid" || caller_rc=$?
done
if c="$(cpu_seconds "$CALLEE_PID" 2>/dev/null)"; then callee_cpu="$c"; fi
read -r udp_drops_after < <(udp_receive_drops)
ended_at="$(date +%s.%N)"
cpu_after="$(cpu_seconds "$SERVER_PID")"
threads_after="$(thread_ticks "$SERVER_PID")"
read -r busy_after total_after < <(machine_jiffies)
metrics_after="$(scrape_metrics)"

# The callee exits by itself once it has answered every call; give it a moment, then stop it.
waited=0
while kill -0 "$CALLEE_PID" 2>/dev/null && (( waited++ < 50 )); do sleep 0.1; done
kill -0 "$CALLEE_PID" 2>/dev/null && kill -TERM "$CALLEE_PID" 2>/dev/null || true
sleep 0.5

completed="$(sipp_stat_sum 'SuccessfulCall(C)' "${stat_files[@]}")"
failed="$(sipp_stat_sum 'FailedCall(C)' "${stat_files[@]}")"
created="$(sipp_stat_sum 'TotalCallCreated' "${stat_files[@]}")"
caller_retrans="$(sipp_stat_sum 'Retransmissions(C)' "${stat_files[@]}")"
callee_retrans="$(sipp_stat_sum 'Retransmissions(C)' "$RUN_DIR/callee/stat.csv")"
callee_failed="$(sipp_stat_sum 'FailedCall(C)' "$RUN_DIR/callee/stat.csv")"
failure_kinds=""
for kind in FailedMaxUDPRetrans FailedUnexpectedMessage FailedCallRejected FailedTimeoutOnRecv FailedTimeoutOnSend \
    FailedCannotSendMessage FailedRegexpDoesntMatch FailedOutboundCongestion; do
  n="$(sipp_stat_sum "$kind(C)" "${stat_files[@]}")"
  (( n > 0 )) && failure_kinds+=" $kind=$n"
done
cpu_used="$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN { printf "%.2f", b - a }')"
cpu_per_k="$(awk -v c="$cpu_used" -v n="$completed" 'BEGIN { if (n > 0) printf "%.2f", c * 1000 / n; else print "-" }')"
callers_cpu="$(printf '%s\n' "${caller_cpu[@]}" | awk '{ s += $1 } END { printf "%.1f", s }')"
# The callee ran before the measured window too (start, registration): negligible next to the load.
sipp_cpu_total="$(awk -v a="$callers_cpu" -v b="$callee_cpu" 'BEGIN { printf "%.1f", a + b }')"
elapsed="$(awk -v a="$started_at" -v b="$ended_at" 'BEGIN { printf "%.1f", b - a }')"
achieved="$(awk -v n="$created" -v d="$DURATION" 'BEGIN { printf "%.0f", n / d }')"
server_retrans=$(( $(metric "$metrics_after" ramal_sip_retransmissions_total) - $(metric "$metrics_before" ramal_sip_retransmissions_total) ))
auth_failures=$(( $(metric "$metrics_after" ramal_sip_auth_failures_total) - $(metric "$metrics_before" ramal_sip_auth_failures_total) ))
read -r n180 p50_180 p90_180 p99_180 max_180 < <(rtt_percentiles 2 "$RUN_DIR"/caller-*/*_rtt.csv)
read -r n200 p50_200 p90_200 p99_200 max_200 < <(rtt_percentiles 1 "$RUN_DIR"/caller-*/*_rtt.csv)

# Calls the server still holds should end within 64*T1 (32 s) once their legs time out.
active_after="$(metric "$metrics_after" ramal_calls_active)"
drain="0 s"
if (( active_after > 0 )); then
  waited=0
  while (( $(metric "$(scrape_metrics)" ramal_calls_active) > 0 && waited < ${DRAIN_WAIT:-45} )); do sleep 1; waited=$(( waited + 1 )); done
  left="$(metric "$(scrape_metrics)" ramal_calls_active)"
  if (( left == 0 )); then drain="${waited} s"; else drain="NOT drained: $left still active after ${waited} s"; fi
fi

media_line=""
if [[ "${AUDIO:-0}" == 1 ]]; then
  # The media counters grow when a call's legs close: read them once the calls have drained.
  m="$(scrape_metrics)"
  rtp_received=$(( $(metric "$m" ramal_media_packets_received_total) - $(metric "$metrics_before" ramal_media_packets_received_total) ))
  rtp_lost=$(( $(metric "$m" ramal_media_packets_lost_total) - $(metric "$metrics_before" ramal_media_packets_lost_total) ))
  rtp_late=$(( $(metric "$m" ramal_media_packets_late_total) - $(metric "$metrics_before" ramal_media_packets_late_total) ))
  media_line="$(awk -v r="$rtp_received" -v l="$rtp_lost" -v d="$rtp_late" -v t="$elapsed" \
    'BEGIN { printf "RTP read by the server on the measured calls: %d packets (%.0f/s), lost %d (%.4f %%), late by more than 20 ms %d (%.4f %%)", r, r / t, l, (r + l > 0 ? 100 * l / (r + l) : 0), d, (r > 0 ? 100 * d / r : 0) }')"
fi

capture_lines=""
if [[ -n "${CAPTURE_PID:-}" ]]; then
  capture_cpu="$(cpu_seconds "$CAPTURE_PID" 2>/dev/null || echo 0)"
  kill -INT "$CAPTURE_PID" 2>/dev/null || true
  wait "$CAPTURE_PID" 2>/dev/null || true
  capture_lines="tcpdump: $(grep -E 'captured|dropped' "$RUN_DIR/tcpdump.err" | paste -sd, - | sed 's/,/, /g'), its CPU $capture_cpu s
$("$JAVA_HOME/bin/java" -Xmx4g "$BENCH/probe/RelayDelay.java" "$RUN_DIR/relay.pcap" "$SIP_PORT" 2>&1)"
fi

recording_line=""
if [[ "${RECORD:-0}" == 1 ]]; then
  # MP3s are made one at a time after each recording stops: wait for them, then count the
  # server's CPU again so the finishing work is in the figure too.
  wavs=0; mp3s=0; waited=0
  while :; do
    wavs="$(find "$RUN_DIR/data/recordings" -name '*.wav' ! -name '*-stereo.wav' 2>/dev/null | wc -l)"
    mp3s="$(find "$RUN_DIR/data/recordings" -name '*.mp3' 2>/dev/null | wc -l)"
    (( mp3s >= wavs && wavs > 0 )) || (( waited >= 120 )) && break
    sleep 1; waited=$(( waited + 1 ))
  done
  cpu_finished="$(cpu_seconds "$SERVER_PID")"
  bytes="$(du -sb "$RUN_DIR/data/recordings" 2>/dev/null | cut -f1)"
  recording_line="$(awk -v w="$wavs" -v m="$mp3s" -v b="${bytes:-0}" -v c0="$cpu_before" -v c1="$cpu_finished" -v n="$completed" -v t="$waited" \
    'BEGIN { printf "recordings: %d WAV, %d MP3, %.1f MB on disk; MP3s done %d s after the callers ended; server CPU including finishing: %.2f s = %.2f CPU-s per 1,000 calls", w, m, b / 1048576, t, c1 - c0, (n > 0 ? (c1 - c0) * 1000 / n : 0) }')"
fi

heap_line=""
if [[ "${HEAP_CHECK:-0}" == 1 ]]; then
  waited=0
  until s="$(scrape_metrics)"; (( $(metric "$s" ramal_sip_transactions) == 0 && $(metric "$s" ramal_calls_active) == 0 )) \
      || (( waited >= 90 )); do sleep 1; waited=$(( waited + 1 )); done
  s="$(scrape_metrics)"
  heap_after="$(heap_after_gc "$SERVER_PID")"
  heap_line="$(awk -v a="$heap_before" -v b="$heap_after" -v w="$waited" -v t="$(metric "$s" ramal_sip_transactions)" -v c="$(metric "$s" ramal_calls_active)" \
    'BEGIN { printf "heap after full GC: %.1f MB before the load, %.1f MB %d s after it (transactions %d, calls %d left)", a / 1048576, b / 1048576, w, t, c }')"
  heap_top="$(heap_histogram "$SERVER_PID" 8)"
fi

if [[ -n "${PROBE_PID:-}" ]]; then
  waited=0
  while kill -0 "$PROBE_PID" 2>/dev/null && (( waited++ < 300 )); do sleep 0.1; done
  kill -0 "$PROBE_PID" 2>/dev/null && kill -TERM "$PROBE_PID" 2>/dev/null || true
fi

mkdir -p "$BENCH/results"
summary="$BENCH/results/sipp-load-${RATE}cps-${DURATION}s$( [[ "${AUDIO:-0}" == 1 ]] && echo -audio)$( [[ "${RECORD:-0}" == 1 ]] && echo -recorded)$( [[ "${CAPTURE:-0}" == 1 ]] && echo -captured)-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "sipp-load: $RATE calls/s for $DURATION s, call length $CALL_MS ms, $PROCS caller process(es), audio $( [[ "${AUDIO:-0}" == 1 ]] && echo "g711a.pcap both legs" || echo none), recording $( [[ "${RECORD:-0}" == 1 ]] && echo "every call" || echo off), server $( (( WARMUP_CALLS > 0 )) && echo "warmed up with $WARMUP_CALLS calls" || echo "cold (no warm-up)"), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 1p), $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | sed -n 1p)"
  echo "$server_build"
  echo "calls: created $created of $TOTAL (about $achieved/s), completed $completed, failed $failed${failure_kinds:+ (}${failure_kinds# }${failure_kinds:+)}; callee failed $callee_failed"
  echo "SIPp retransmissions: callers $caller_retrans, callee $callee_retrans; server retransmissions (ramal_sip_retransmissions_total) $server_retrans; auth failures $auth_failures"
  echo "server CPU: $cpu_used s over ${elapsed} s = $cpu_per_k CPU-s per 1,000 calls"
  machine_share "$busy_before" "$busy_after" "$elapsed" "$cpu_used" "$sipp_cpu_total"
  echo "SIPp CPU: callers $callers_cpu s, callee $callee_cpu s; UDP receive-buffer drops on the machine (RcvbufErrors) $(( udp_drops_after - udp_drops_before ))"
  echo "busiest server threads (CPU-s, thread name as the kernel shows it):" $(busiest_threads "$threads_before" "$threads_after" | paste -sd, - | sed 's/,/, /g')
  echo "INVITE->180 (ms, $n180 samples): p50 $p50_180, p90 $p90_180, p99 $p99_180, max $max_180"
  echo "first INVITE->200 incl. challenge (ms, $n200 samples): p50 $p50_200, p90 $p90_200, p99 $p99_200, max $max_200"
  echo "server gauges when the callers ended: calls_active $active_after (back to 0 after: $drain), sip_transactions $(metric "$metrics_after" ramal_sip_transactions)"
  if [[ -n "$media_line" ]]; then echo "$media_line"; fi
  if [[ -n "$capture_lines" ]]; then echo "$capture_lines"; fi
  if [[ -n "$recording_line" ]]; then echo "$recording_line"; fi
  if [[ -n "${PROBE_PID:-}" ]]; then cat "$RUN_DIR/probe.txt"; fi
  if [[ -n "$heap_line" ]]; then echo "$heap_line"; echo "largest classes then (instances, bytes, class):"; echo "$heap_top"; fi
  problems="$(server_problems)"
  if [[ -n "$problems" ]]; then echo "server log warnings/errors (count, line):"; echo "$problems"; else echo "server log: no warnings or errors"; fi
  if [[ -s "$RUN_DIR/caller-0/errors.log" ]]; then
    echo "SIPp caller-0 errors (first lines):"
    tr '\r' '\n' <"$RUN_DIR/caller-0/errors.log" | grep -v '^$' | sed -n '1,8p'
  fi
  echo "sipp exit status: callers $caller_rc"
} | tee "$summary"
echo "summary written to $summary" >&2
