#!/bin/bash
# A soak: open-loop chat turns at a fixed rate for a long time against a running service, with its memory sampled.
#   bash bench/soak.sh PORT RATE SECONDS [messages]
# Every 30 s: the service's resident memory (RSS) and its heap in use (jcmd GC.heap_info); a full GC (jcmd GC.run)
# before and after, so the heap left after a full GC can be compared. Loads go to 127.0.0.1 only; LoadGen bounds them
# in time. Prints LoadGen's summary and a table.
set -euo pipefail
PORT=${1:?port}; RATE=${2:?rate}; SECONDS_=${3:?seconds}; MSGS=${4:-/tmp/varied.txt}
PID=$(ss -ltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$PID" ] || { echo "no service listening on $PORT" >&2; exit 2; }
heap() { jcmd "$PID" GC.heap_info | awk '/garbage-first heap/ {for(i=1;i<=NF;i++) if($i=="used") {print $(i+1); exit}}'; }
rss() { awk '/VmRSS/ {print $2"K"}' /proc/"$PID"/status; }
jcmd "$PID" GC.run >/dev/null; sleep 2
echo "before: heap after full GC $(heap), RSS $(rss)"
LOG=$(mktemp)
java "$(dirname "$0")/LoadGen.java" --url "http://127.0.0.1:$PORT/api/v1/chat" --rate "$RATE" --duration "$SECONDS_" \
     --warmup 0 --messages "$MSGS" > "$LOG" 2>&1 &
LG=$!
START=$(date +%s)
printf "%6s %12s %10s\n" "t (s)" "heap used" "RSS"
while kill -0 $LG 2>/dev/null; do
  sleep 30
  kill -0 $LG 2>/dev/null || break
  printf "%6d %12s %10s\n" $(( $(date +%s) - START )) "$(heap)" "$(rss)"
done
wait $LG || true
cat "$LOG"
sleep 30 # the last turns' records and timers settle first: a full GC at once still finds their garbage live
jcmd "$PID" GC.run >/dev/null; sleep 2
echo "after: heap after full GC $(heap), RSS $(rss)"
