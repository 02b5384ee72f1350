#!/usr/bin/env bash
# Benchmarks of issue 2 with the full MedQuAD corpus: import time and index size, restart-to-ready,
# search and chat latency (open loop), highest sustained chat rate, service memory (RSS).
# Usage: bash bench/medquad-bench.sh [medquad-dir]   (run from the repository root; takes ~15 min)
# Traffic goes to 127.0.0.1 only. Results are printed; copy them into BENCHMARKS.md.
set -euo pipefail
MEDQUAD=${1:-../shared/data/medquad}
DATA=${BENCH_DATA_DIR:-/tmp/symptom-bench}
PORT=${BENCH_PORT:-8090}
BASE=http://127.0.0.1:$PORT
APP=${BENCH_APP:-target/quarkus-app/quarkus-run.jar}
[ -d "$MEDQUAD" ] || { echo "MedQuAD not found at $MEDQUAD"; exit 2; }
[ -f "$APP" ] || mvn -B -q package -DskipTests

start() {
  SYMPTOM_DATA_DIR=$DATA SYMPTOM_CORPUS_PATHS=$MEDQUAD SYMPTOM_CORPUS_MEDQUAD_STATUS=approved \
  SYMPTOM_RATE_LIMIT_ENABLED=false \
  SYMPTOM_ADMIN_TOKEN=bench QUARKUS_HTTP_PORT=$PORT java -jar "$APP" > "$DATA.$1.log" 2>&1 &
  PID=$!
  local t0; t0=$(date +%s.%N)
  until curl -sf "$BASE/q/health/ready" >/dev/null 2>&1; do
    kill -0 $PID 2>/dev/null || { echo "service died; see $DATA.$1.log"; exit 1; }
    sleep 0.2
  done
  echo "$1: ready after $(echo "$(date +%s.%N) - $t0" | bc) s (process start to readiness)"
}
stop() { kill $PID; wait $PID 2>/dev/null || true; }
rss() { echo "RSS $1: $(awk '/VmRSS/{print $2/1024 " MiB"}' /proc/$PID/status)"; }

if [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$DATA"; fi
mkdir -p "$DATA"
start first-import
curl -s -H 'X-Admin-Token: bench' "$BASE/api/v1/admin/corpus/status" | python3 -c '
import json,sys; s=json.load(sys.stdin); r=s["lastImport"] or {}
print("documents:", s["documents"], "| indexed passages:", s["indexedPassages"], "| index size: %.1f MiB" % (s["indexSizeBytes"]/2**20))
print("import: %d added, %d rejected, %d passages and %d questions embedded in %.1f s" % (r.get("added",0), r.get("rejected",0), r.get("passagesEmbedded",0), r.get("questionsEmbedded",0), r.get("durationMs",0)/1000))'
rss after-import
stop

start restart
curl -s -H 'X-Admin-Token: bench' "$BASE/api/v1/admin/corpus/status" | python3 -c '
import json,sys; s=json.load(sys.stdin); r=s["lastImport"]
print("restart: passages embedded since start:", s["passagesEmbeddedSinceStart"], "| questions:", s.get("questionsEmbeddedSinceStart", 0), "| files unchanged:", r["filesUnchanged"], "| import check %.1f s" % (r["durationMs"]/1000))'
rss idle

echo "== search, open loop 100/s for 30 s =="
java bench/LoadGen.java --url "$BASE/api/v1/search" --method POST --rate 100 --duration 30 --warmup 30
echo "== chat, open loop 100/s for 60 s =="
java bench/LoadGen.java --url "$BASE/api/v1/chat" --rate 100 --duration 60 --warmup 10
rss after-chat-load
echo "== chat, highest rate with no errors and p99 < 100 ms =="
java bench/LoadGen.java --url "$BASE/api/v1/chat" --find-max 100:50:500 --duration 20 --warmup 5 --slo-ms 100 || true
rss after-find-max
stop
