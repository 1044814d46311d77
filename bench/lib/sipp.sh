# Sourced by the SIPp bench scripts: reading SIPp's statistics and response-time files.

# Value of one column (e.g. "SuccessfulCall(C)") in the last line of a SIPp -trace_stat file.
sipp_stat() {
  local file="$1" column="$2"
  [[ -s "$file" ]] || { echo 0; return; }
  awk -F';' -v col="$column" '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    { last = $0 }
    END { if (!c || last == "") { print 0; exit } split(last, f, ";"); v = f[c]; print (v == "" ? 0 : v) }
  ' "$file"
}

# Sum of one column over several stat files.
sipp_stat_sum() {
  local column="$1" total=0 file v
  shift
  for file in "$@"; do
    v="$(sipp_stat "$file" "$column")"
    total=$(( total + ${v%%.*} ))
  done
  echo "$total"
}

# "count p50 p90 p99 max" (ms) of response-time number RTD over SIPp -trace_rtt files.
rtt_percentiles() {
  local rtd="$1"
  shift
  cat "$@" 2>/dev/null | awk -F';' -v r="$rtd" '$3 == r { print $2 }' | sort -n | awk '
    { v[NR] = $1 }
    function at(p,   i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
    END { if (NR == 0) { print "0 - - - -"; exit } printf "%d %s %s %s %s\n", NR, at(0.50), at(0.90), at(0.99), v[NR] }'
}
