#!/usr/bin/env bash
# The benchmark of the whole system in one run (about 30 minutes, most of it the rate-limited drain).
# Needs RabbitMQ on localhost (or RABBITMQ_HOST...) and wrk (Debian's package; installed when missing).
# Writes bench/results/bench-<time>.md and .json, and latest.md/.json.
# Knobs: BENCH_SECONDS (per fixed-rate step and saturated run, default 15), BENCH_SATURATION_ROUNDS (3),
# E2E_CONVERSIONS (100), DRAIN_CONVERSIONS (500), BENCH_PARTS (a,b,c,d,e).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
pick_java_home

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian's package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "building the services and the benchmark..."
./mvnw -B -q -DskipTests package
./mvnw -B -q -DskipTests -f bench/pom.xml package

exec java -Dloader.main=com.rdploomes.bench.Bench -cp bench/target/bench.jar \
  org.springframework.boot.loader.launch.PropertiesLauncher "$(pwd)"
