#!/usr/bin/env bash
# The reliability drill: runs the simulator, the worker and the receiver from their jars against the local
# RabbitMQ (under a topology prefix of their own), posts a few hundred webhooks while it cuts the broker away
# from both services, kills -9 and restarts the worker, and makes Ploomes fail for a while; then waits for
# everything to drain and prints sent / accepted / delivered / duplicates / lost / dead-lettered.
# Exit 0 when lost = 0, duplicates = 0 and every accepted conversion was delivered.
#
#   ./drill/run.sh                       # 300 webhooks over 75 s (about 3 minutes in all)
#   DRILL_WEBHOOKS=500 DRILL_SECONDS=120 ./drill/run.sh
#
# The broker is never restarted: the outage is a TCP proxy inside the drill that the services connect
# through, so other users of the same RabbitMQ are not disturbed. RABBITMQ_HOST/PORT/USERNAME/PASSWORD/VHOST
# point it at another broker (default localhost:5672, guest/guest).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

. scripts/java-home.sh
pick_java_home

host="${RABBITMQ_HOST:-127.0.0.1}"
port="${RABBITMQ_PORT:-5672}"
if ! (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null; then
  echo "error: no RabbitMQ at ${host}:${port}. Start it ('rabbitmq-server -detached') or set RABBITMQ_HOST/RABBITMQ_PORT." >&2
  exit 1
fi

classpath_file="$ROOT/end-to-end/target/drill.classpath"
needs_build=0
for module in ploomes-simulator ploomes-worker webhook-receiver; do
  jar="$module/target/$module.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$module/src" shared-model/src pom.xml "$module/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    needs_build=1
  fi
done
if [ ! -f "$classpath_file" ] || [ -n "$(find end-to-end/src end-to-end/pom.xml shared-model/src -newer "$classpath_file" -type f -print -quit 2>/dev/null)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  echo "building the services and the drill (./mvnw -B -q -DskipTests package -pl end-to-end -am)..."
  # every module of the reactor writes the file; end-to-end, built last, leaves its test classpath in it
  ./mvnw -B -q -DskipTests package dependency:build-classpath -pl end-to-end -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi

exec java -Drdploomes.root="$ROOT" \
  -cp "$ROOT/end-to-end/target/test-classes:$(cat "$classpath_file")" \
  com.rdploomes.e2e.ReliabilityDrill
