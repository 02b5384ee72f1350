#!/usr/bin/env bash
# Two instances of the packaged service on one PostgreSQL schema (bench/two_instances.py): a content release published
# on one is served by the other within 5 s, and a rollback on the other is served by the first; a retired document
# leaves both; a conversation goes on from one to the other; a Slack event delivered to both is answered once.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMA="symptom_two_$(date +%s)"
WORK="$(mktemp -d)"
PASSWORD="two-instance-check-$(date +%s)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema if exists \"$SCHEMA\" cascade" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mvn -B -q package -DskipTests -Ppostgres
cp -r target/quarkus-app "$WORK/app"
psql -h 127.0.0.1 -U postgres -d test -q -v ON_ERROR_STOP=1 -c "create schema \"$SCHEMA\""

# the check polls chat faster than any person would: rate limits off for it (symptom.rate-limit.enabled)
start() { # name port [extra environment...]
  local name="$1" port="$2"; shift 2
  env "$@" SYMPTOM_DATA_DIR="$WORK/$name" QUARKUS_HTTP_PORT="$port" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS="$SCHEMA" \
  SYMPTOM_CONVERSATION_MASTER_KEY="$(printf 'two-instance-check-master-key-32' | base64)" \
  QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="two-instance-check-session-key-0123456789" \
  SYMPTOM_CONSOLE_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" SYMPTOM_CONSOLE_SECURE_COOKIES=false \
  SYMPTOM_RATE_LIMIT_ENABLED=false SYMPTOM_CHANNELS_SLACK_SIGNING_SECRET=two-instance-slack-secret \
  SYMPTOM_CHANNELS_SLACK_BOT_TOKEN=xoxb-two-instance SYMPTOM_CHANNELS_SLACK_API_BASE_URL=http://127.0.0.1:18209 \
    java -jar "$WORK/app/quarkus-run.jar" > "$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
}
ready() { # port
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return 0; sleep 1; done
  echo "instance on port $1 not ready in 240 s"; tail -20 "$WORK"/*.log; return 1
}

start a 18201
ready 18201
# B is told to read the content folders as they are: a packaged service serves releases whatever it is told
start b 18202 SYMPTOM_CONTENT_SOURCE=files SYMPTOM_ADMIN_TOKEN=two-instance-admin-token
ready 18202
python3 bench/two_instances.py --a http://127.0.0.1:18201 --b http://127.0.0.1:18202 --password "$PASSWORD" --deadline 5 \
  --slack-port 18209 --slack-secret two-instance-slack-secret
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Admin-Token: two-instance-admin-token' \
  http://127.0.0.1:18202/api/v1/admin/guardrails/reload)
if [ "$status" != 409 ]; then
  echo "instance b (packaged, told source=files) answered $status to a file reload; expected 409 (releases only)"; exit 1
fi
echo "instance b: a file reload is refused (409) by a packaged service, as it must be"
