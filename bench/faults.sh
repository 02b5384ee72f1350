#!/usr/bin/env bash
# Issue 12, "Load and faults": the packaged service (PostgreSQL profile) under chat load while one fault at a time
# is applied (bench/faults.py): PostgreSQL restarted, the model endpoint down or slow, the index folder deleted.
# Each fault gets a new instance on its own schema and data dir; every schema is dropped at the end.
#   bash bench/faults.sh [pg-restart] [model] [index]      (all three by default; FAULTS_SKIP_BUILD=1 skips the build;
#                                                          FAULTS_LOG_DIR=dir keeps the service logs)
# It restarts the machine's PostgreSQL cluster (pg-restart): run it where nothing else needs the database.
set -euo pipefail
cd "$(dirname "$0")/.."

FAULTS=("$@")
[ ${#FAULTS[@]} -gt 0 ] || FAULTS=(pg-restart model index)
STAMP="$(date +%s)"
WORK="$(mktemp -d)"
PID=""
SCHEMAS=()
SLACK_SECRET="faults-slack-secret-$STAMP"
psql_do() { psql -h 127.0.0.1 -U postgres -d test -q -v ON_ERROR_STOP=1 -c "$1"; }
stop() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi
}
cleanup() {
  stop
  for s in "${SCHEMAS[@]:-}"; do [ -n "$s" ] && psql_do "drop schema if exists \"$s\" cascade" >/dev/null 2>&1 || true; done
  if [ -n "${FAULTS_LOG_DIR:-}" ]; then mkdir -p "$FAULTS_LOG_DIR" && cp "$WORK"/*.log "$FAULTS_LOG_DIR"/ 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ "${FAULTS_SKIP_BUILD:-}" = 1 ] || mvn -B -q package -DskipTests -Ppostgres

start() { # name schema port [extra environment...]
  local name="$1" schema="$2" port="$3"; shift 3
  env "$@" SYMPTOM_DATA_DIR="$WORK/$name" QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS="$schema" \
    SYMPTOM_CONVERSATION_MASTER_KEYS_K1="$MASTER_KEY" SYMPTOM_CONVERSATION_ACTIVE_KEY_ID=k1 \
    QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="faults-session-key-$STAMP-0123456789" \
    SYMPTOM_CONSOLE_BOOTSTRAP_ADMIN_PASSWORD="faults-$STAMP-password" SYMPTOM_CONSOLE_SECURE_COOKIES=false \
    SYMPTOM_RATE_LIMIT_ENABLED=false \
    java -jar target/quarkus-app/quarkus-run.jar >> "$WORK/$name.log" 2>&1 &
  PID=$!
  local began=$SECONDS
  for _ in $(seq 1 360); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && { echo "$name ready in $((SECONDS - began)) s"; return 0; }
    kill -0 "$PID" 2>/dev/null || break
    sleep 1
  done
  echo "$name on port $port not ready in 360 s"; tail -30 "$WORK/$name.log"; return 1
}
new_schema() { # name -> prints the schema
  local s="symptom_faults_${1//-/_}_$STAMP"
  psql_do "create schema \"$s\""
  SCHEMAS+=("$s")
  SCHEMA="$s"
}
MASTER_KEY="$(head -c 32 /dev/urandom | base64)"

status=0
for fault in "${FAULTS[@]}"; do
  echo "=== $fault ($(date -u +%H:%M:%S) UTC)"
  new_schema "$fault"
  case "$fault" in
    pg-restart)
      start pg "$SCHEMA" 18301 SYMPTOM_CHANNELS_SLACK_SIGNING_SECRET="$SLACK_SECRET" \
        SYMPTOM_CHANNELS_SLACK_BOT_TOKEN=xoxb-faults SYMPTOM_CHANNELS_SLACK_API_BASE_URL=http://127.0.0.1:18309
      python3 bench/faults.py --base http://127.0.0.1:18301 --fault pg-restart --schema "$SCHEMA" \
        --slack-port 18309 --slack-secret "$SLACK_SECRET" || status=1
      ;;
    model)
      for mode in refused 500 slow; do # a new start for each mode: the model's circuit starts closed
        start model "$SCHEMA" 18302 SYMPTOM_LLM_PROVIDER=openai \
          QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL=http://127.0.0.1:18308/v1 \
          QUARKUS_LANGCHAIN4J_OPENAI_CHAT_MODEL_MODEL_NAME=stand-in SYMPTOM_LLM_API_KEY=none
        python3 bench/faults.py --base http://127.0.0.1:18302 --fault model --model-mode "$mode" --model-port 18308 \
          --duration 45 || status=1
        stop
      done
      ;;
    index)
      start index "$SCHEMA" 18303
      python3 bench/faults.py --base http://127.0.0.1:18303 --fault index --data-dir "$WORK/index" || status=1
      stop
      echo "--- index: service restarted on the same data dir and schema"
      start index "$SCHEMA" 18303
      python3 bench/faults.py --base http://127.0.0.1:18303 --fault search --data-dir "$WORK/index" || status=1
      ;;
    *) echo "unknown fault $fault"; status=1 ;;
  esac
  stop
done
exit $status
