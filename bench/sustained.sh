#!/usr/bin/env bash
# Issue 12: a sustained open-loop chat run against a service already running on 127.0.0.1, after a fixed warm-up,
# with the service's CPU a turn (and PostgreSQL's, when it runs on this machine). Figures in BENCHMARKS.md.
#
#   bash bench/sustained.sh PORT [RATE] [SECONDS] [MESSAGES]      (defaults: 300 turns/s, 300 s, /tmp/varied.txt)
#
# Warm-up (the JIT and the caches; not part of the figure): 30/s for 240 s, 80/s for 120 s, 150/s for 120 s.
# MESSAGES: python3 bench/varied_messages.py --out /tmp/varied.txt. Run from the repository root, with rate limits
# off in the service (SYMPTOM_RATE_LIMIT_ENABLED=false) and nothing else busy on the machine.
set -euo pipefail
PORT="${1:?usage: bench/sustained.sh PORT [RATE] [SECONDS] [MESSAGES]}"
RATE="${2:-300}"
SECONDS_RUN="${3:-300}"
MESSAGES="${4:-/tmp/varied.txt}"
URL="http://127.0.0.1:$PORT/api/v1/chat"
[ -f "$MESSAGES" ] || { echo "no messages file $MESSAGES (python3 bench/varied_messages.py --out $MESSAGES)"; exit 2; }
# the service: the java process listening on PORT
PID="$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
[ -n "$PID" ] || { echo "nothing listens on 127.0.0.1:$PORT"; exit 2; }
OUT="$(mktemp -d)"
cpu_of() { awk '{s += $14 + $15} END {print s + 0}' "$@" 2>/dev/null || echo 0; }
postgres_cpu() { local p=(); for x in $(pgrep -x postgres || true); do p+=("/proc/$x/stat"); done; [ ${#p[@]} -gt 0 ] && cpu_of "${p[@]}" || echo 0; }
load() { java bench/LoadGen.java --url "$URL" --rate "$1" --duration "$2" --warmup 0 --messages "$MESSAGES" > "$OUT/$3.txt" 2>&1; }

for step in "30 240 warm-30" "80 120 warm-80" "150 120 warm-150"; do
  set -- $step
  load "$1" "$2" "$3"
  echo "$3: $(grep -E '^(ok|errors|latency)' "$OUT/$3.txt" | tr -s ' ' | tr '\n' ' ')"
done
TICKS="$(getconf CLK_TCK)"
S0="$(cpu_of "/proc/$PID/stat")"; P0="$(postgres_cpu)"
load "$RATE" "$SECONDS_RUN" main
S1="$(cpu_of "/proc/$PID/stat")"; P1="$(postgres_cpu)"
cat "$OUT/main.txt"
TURNS="$(grep -E '^count' "$OUT/main.txt" | grep -o '[0-9]* sent' | cut -d' ' -f1)"
awk -v s=$((S1 - S0)) -v p=$((P1 - P0)) -v t="$TICKS" -v n="$TURNS" 'BEGIN {
  printf "service CPU a turn: %.2f ms; PostgreSQL processes: %.2f ms (0 when none runs here)\n", s * 1000 / t / n, p * 1000 / t / n }'
grep VmRSS "/proc/$PID/status" || true
rm -rf "$OUT"
