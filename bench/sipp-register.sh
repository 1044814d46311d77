#!/usr/bin/env bash
# Digest REGISTER load against `ramal demo` with SIPp: REGISTER -> 401 -> REGISTER with
# credentials -> 200, users 1001..1010 in turn.
#
# usage: bench/sipp-register.sh RATE DURATION_SECONDS
#   RATE              registrations per second (each is two REGISTER requests), split over
#                     several SIPp processes; RATE * DURATION registrations in total
# environment (optional): REGISTER_PROCS (default: one per started 1,000/s), RAMAL_LAUNCH=ramal|copy,
#   KEEP_RUN_DIR=1 (see sipp-load.sh)
#
# Prints registrations completed and failed, the rate reached, retransmissions, server CPU per
# 1,000 registrations and REGISTER->200 response times; stops every process it started.
set -euo pipefail

readonly BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT="$(dirname "$BENCH")"
readonly SCENARIOS="$BENCH/sipp"

[[ $# -eq 2 && "$1" =~ ^[0-9]+$ && "$2" =~ ^[0-9]+$ && "$1" -gt 0 && "$2" -gt 0 ]] \
  || { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
readonly RATE="$1" DURATION="$2"
readonly TOTAL=$(( RATE * DURATION ))
readonly PROCS="${REGISTER_PROCS:-$(( (RATE + 999) / 1000 ))}"
command -v sipp >/dev/null || { echo "bench: SIPp is missing (apt-get install sip-tester)" >&2; exit 1; }

source "$BENCH/lib/jdk.sh"
source "$BENCH/lib/server.sh"
source "$BENCH/lib/sipp.sh"
find_jdk

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ramal-sipp-register.XXXXXX")"
cleanup() {
  stop_started
  if [[ "${KEEP_RUN_DIR:-0}" == 1 ]]; then echo "run directory kept: $RUN_DIR" >&2; else rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

HTTP_PORT="$(free_port)"
SIP_PORT="$(free_port)"
echo "starting ramal demo (http $HTTP_PORT, sip $SIP_PORT)..." >&2
start_server
server_build="$(server_build_line)"

{
  echo SEQUENTIAL
  for user in 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010; do
    echo "$user;[authentication username=$user password=demo$user]"
  done
} >"$RUN_DIR/users.csv"

metrics_before="$(scrape_metrics)"
cpu_before="$(cpu_seconds "$SERVER_PID")"
threads_before="$(thread_ticks "$SERVER_PID")"
read -r busy_before total_before < <(machine_jiffies)
started_at="$(date +%s.%N)"

echo "registering: $RATE/s for $DURATION s ($TOTAL registrations) over $PROCS SIPp process(es)..." >&2
pids=()
stat_files=()
for (( k = 0; k < PROCS; k++ )); do
  rate_k=$(( RATE / PROCS + (k < RATE % PROCS ? 1 : 0) ))
  dir="$RUN_DIR/registrar-$k"
  mkdir -p "$dir"
  (cd "$dir" && exec sipp -sf "$SCENARIOS/register-digest-rtd.xml" -inf "$RUN_DIR/users.csv" -key domain 127.0.0.1 \
    -i 127.0.0.1 -p "$(free_port)" -mp "$(free_port 4)" -r "$rate_k" -m "$(( rate_k * DURATION ))" -l "$(( rate_k * 3 + 50 ))" \
    -timeout "$(( DURATION + 60 ))s" -buff_size 4194304 "127.0.0.1:$SIP_PORT" \
    -nostdin -trace_stat -stf stat.csv -fd 5 -trace_screen -trace_rtt -rtt_freq 20 -trace_err -error_file errors.log) \
    >"$dir/out.txt" 2>&1 &
  pids+=("$!")
  STARTED_PIDS+=("$!")
  stat_files+=("$dir/stat.csv")
done

declare -A sipp_cpu=()
while :; do
  alive=0
  for pid in "${pids[@]}"; do
    if c="$(cpu_seconds "$pid" 2>/dev/null)"; then sipp_cpu[$pid]="$c"; alive=1; fi
  done
  (( alive )) || break
  sleep 1
done
rc=0
for pid in "${pids[@]}"; do wait "$pid" || rc=$?; done
ended_at="$(date +%s.%N)"
cpu_after="$(cpu_seconds "$SERVER_PID")"
threads_after="$(thread_ticks "$SERVER_PID")"
read -r busy_after total_after < <(machine_jiffies)
metrics_after="$(scrape_metrics)"

completed="$(sipp_stat_sum 'SuccessfulCall(C)' "${stat_files[@]}")"
failed="$(sipp_stat_sum 'FailedCall(C)' "${stat_files[@]}")"
retrans="$(sipp_stat_sum 'Retransmissions(C)' "${stat_files[@]}")"
cpu_used="$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN { printf "%.2f", b - a }')"
cpu_per_k="$(awk -v c="$cpu_used" -v n="$completed" 'BEGIN { if (n > 0) printf "%.2f", c * 1000 / n; else print "-" }')"
elapsed="$(awk -v a="$started_at" -v b="$ended_at" 'BEGIN { printf "%.1f", b - a }')"
reached="$(awk -v n="$completed" -v d="$DURATION" 'BEGIN { printf "%.0f", n / d }')"
sipp_cpu_total="$(printf '%s\n' "${sipp_cpu[@]}" | awk '{ s += $1 } END { printf "%.1f", s }')"
accepted=$(( $(metric "$metrics_after" ramal_sip_register_accepted_total) - $(metric "$metrics_before" ramal_sip_register_accepted_total) ))
auth_failures=$(( $(metric "$metrics_after" ramal_sip_auth_failures_total) - $(metric "$metrics_before" ramal_sip_auth_failures_total) ))
server_retrans=$(( $(metric "$metrics_after" ramal_sip_retransmissions_total) - $(metric "$metrics_before" ramal_sip_retransmissions_total) ))
read -r n p50 p90 p99 max < <(rtt_percentiles 1 "$RUN_DIR"/registrar-*/*_rtt.csv)

mkdir -p "$BENCH/results"
summary="$BENCH/results/sipp-register-${RATE}ps-${DURATION}s-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "sipp-register: $RATE registrations/s for $DURATION s, users 1001..1010, $PROCS SIPp process(es), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 1p), $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | sed -n 1p)"
  echo "$server_build"
  echo "registrations: completed $completed of $TOTAL (about $reached/s, $(( completed * 2 / DURATION )) REGISTER requests/s), failed $failed; server accepted $accepted, auth failures $auth_failures"
  echo "retransmissions: SIPp $retrans, server $server_retrans"
  echo "server CPU: $cpu_used s over ${elapsed} s = $cpu_per_k CPU-s per 1,000 registrations"
  machine_share "$busy_before" "$busy_after" "$elapsed" "$cpu_used" "$sipp_cpu_total"
  echo "busiest server threads (CPU-s):" $(busiest_threads "$threads_before" "$threads_after" | paste -sd, - | sed 's/,/, /g')
  echo "first REGISTER->200 incl. challenge (ms, $n samples): p50 $p50, p90 $p90, p99 $p99, max $max"
  echo "server gauges: registrations $(metric "$metrics_after" ramal_sip_registrations), sip_transactions $(metric "$metrics_after" ramal_sip_transactions)"
  problems="$(server_problems)"
  if [[ -n "$problems" ]]; then echo "server log warnings/errors (count, line):"; echo "$problems"; else echo "server log: no warnings or errors"; fi
  if [[ -s "$RUN_DIR/registrar-0/errors.log" ]]; then
    echo "SIPp registrar-0 errors (first lines):"
    tr '\r' '\n' <"$RUN_DIR/registrar-0/errors.log" | grep -v '^$' | sed -n '1,8p'
  fi
  echo "sipp exit status: $rc"
} | tee "$summary"
echo "summary written to $summary" >&2
