#!/usr/bin/env bash
# Runs the whole pipeline on this machine without Docker: the Ploomes simulator, the worker and the
# receiver, against the RabbitMQ on localhost. Every default below is overridden by the environment
# variable of the same name. Ctrl-C (or SIGTERM) stops all three.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/java-home.sh
pick_java_home

export RABBITMQ_HOST="${RABBITMQ_HOST:-localhost}"
export RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
export RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}"
export RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"

export PORT="${PORT:-4100}"
export MANAGEMENT_PORT="${MANAGEMENT_PORT:-4101}"
export SIMULATOR_PORT="${SIMULATOR_PORT:-4190}"
export WEBHOOK_TOKEN="${WEBHOOK_TOKEN:-local-dev-token}"

# Without PLOOMES_API_URL the simulator stands in for Ploomes, with its fixture account's ids.
if [ -z "${PLOOMES_API_URL:-}" ]; then
  START_SIMULATOR=1
  export PLOOMES_API_URL="http://localhost:${SIMULATOR_PORT}"
  export PLOOMES_API_KEY="${PLOOMES_API_KEY:-local-simulator-key}"
  export PLOOMES_PIPELINE_ID="${PLOOMES_PIPELINE_ID:-40030343}"
  export PLOOMES_STAGE_ID="${PLOOMES_STAGE_ID:-40303847}"
  if [ -z "${PLOOMES_OWNER_ID:-}" ] && [ -z "${PLOOMES_PERSON_ID:-}" ]; then
    export PLOOMES_OWNER_ID=120001
  fi
  # the example mapping names the simulator's custom fields; FIELD_MAPPING_FILE= (empty) maps none
  export FIELD_MAPPING_FILE="${FIELD_MAPPING_FILE-config/field-mapping.example.yml}"
else
  START_SIMULATOR=0
fi

if ! (exec 3<>"/dev/tcp/${RABBITMQ_HOST}/${RABBITMQ_PORT}") 2>/dev/null; then
  echo "error: no RabbitMQ at ${RABBITMQ_HOST}:${RABBITMQ_PORT}. Start it ('rabbitmq-server -detached') or set RABBITMQ_HOST/RABBITMQ_PORT." >&2
  exit 1
fi

modules=(ploomes-simulator ploomes-worker webhook-receiver)
needs_build=0
for module in "${modules[@]}"; do
  jar="$module/target/$module.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$module/src" shared-model/src pom.xml "$module/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    needs_build=1
  fi
done
if [ "$needs_build" = 1 ]; then
  echo "building the services (./mvnw -B -q -DskipTests package)..."
  ./mvnw -B -q -DskipTests package
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ "${#pids[@]}" -gt 0 ]; then
    echo
    echo "stopping ${modules[*]}..."
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

start() {
  local module=$1
  java -jar "$module/target/$module.jar" > >(sed -u "s/^/[$module] /") 2>&1 &
  pids+=($!)
}

wait_healthy() {
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    if curl -fsS "$url" 2>/dev/null | grep -q '"UP"'; then
      return 0
    fi
    sleep 0.5
  done
  echo "error: $name did not become healthy at $url" >&2
  return 1
}

if [ "$START_SIMULATOR" = 1 ]; then
  start ploomes-simulator
  wait_healthy ploomes-simulator "http://localhost:${SIMULATOR_PORT}/actuator/health"
fi
start ploomes-worker
start webhook-receiver
wait_healthy ploomes-worker "http://localhost:${MANAGEMENT_PORT}/actuator/health"
wait_healthy webhook-receiver "http://localhost:${PORT}/actuator/health"

cat <<INFO

rd-ploomes is running.
  webhook:   POST http://localhost:${PORT}/webhook/rdstation?token=${WEBHOOK_TOKEN}
  token:     ${WEBHOOK_TOKEN}   (WEBHOOK_TOKEN)
  Ploomes:   ${PLOOMES_API_URL}$( [ "$START_SIMULATOR" = 1 ] && echo "   (the simulator; User-Key: ${PLOOMES_API_KEY})" )
  worker:    http://localhost:${MANAGEMENT_PORT}/actuator/health
Try:
  curl -i -X POST 'http://localhost:${PORT}/webhook/rdstation?token=${WEBHOOK_TOKEN}' \\
       -H 'Content-Type: application/json' --data-binary @samples/rdstation/seed-conversion.json
Ctrl-C stops everything.

INFO

wait -n "${pids[@]}" || true
echo "a service stopped; stopping the others" >&2
