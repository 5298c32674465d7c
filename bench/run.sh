#!/usr/bin/env bash
# The benchmark of the whole system in one run (about 30 minutes, most of it the rate-limited drain).
# Needs RabbitMQ on localhost (or RABBITMQ_HOST...) and wrk (Debian's package; installed when missing).
# Writes bench/results/bench-<time>.md and .json, and latest.md/.json; the services' logs and AOT caches go
# to bench/results/logs/ (git-ignored, a few hundred MB; delete it freely).
# Knobs: BENCH_SECONDS (per fixed-rate step and saturated run, default 15), BENCH_SATURATION_ROUNDS (3),
# E2E_CONVERSIONS (100), DRAIN_CONVERSIONS (500), BENCH_PARTS (a,b,c,d,e; e is always measured),
# BENCH_WORKER_CONCURRENCY (4, for parts b and c), BENCH_JVM_OPTIONS (replaces the image's JVM options).
# Short runs (BENCH_SECONDS=5) are for trying it; compare only runs of the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
pick_java_home

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian's package; needs root)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/tmp/bench-apt.log 2>&1; then
    cat /tmp/bench-apt.log >&2
    echo "could not install wrk: install it (apt-get install wrk) and run again" >&2
    exit 1
  fi
fi

echo "building the services and the benchmark..."
./mvnw -B -q -DskipTests package
./mvnw -B -q -DskipTests -f bench/pom.xml package

exec java -Dloader.main=com.rdploomes.bench.Bench -cp bench/target/bench.jar \
  org.springframework.boot.loader.launch.PropertiesLauncher "$(pwd)"
