#!/usr/bin/env bash
# Load test: 50 concurrent users (wrk connections) for DURATION against a freshly started qaflow on loopback,
# on the embedded H2 default or on PostgreSQL. Usage (docs/load-test.md):
#   load/run.sh h2                                  # embedded H2 file database
#   QAFLOW_DB_URL=jdbc:postgresql://127.0.0.1:5433/qaflow_load QAFLOW_DB_USER=postgres load/run.sh postgres
# Needs target/qaflow.jar (mvn -q -DskipTests package) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-h2}
DURATION=${DURATION:-120s}
USERS=${USERS:-50}
# A free port, so that runs from several checkouts on one machine do not answer each other's requests.
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d /tmp/qaflow-load.XXXXXX)
ARGS=(--server.port=$PORT --qaflow.data-dir=$WORK/data --server.tomcat.threads.max=100 --spring.datasource.hikari.maximum-pool-size=20)
[ "$DB" = postgres ] && ARGS+=(--spring.profiles.active=postgres)
java -Xmx768m -jar target/qaflow.jar "${ARGS[@]}" >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
    curl -fs "localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
done
# Warm-up (JIT, rule base, pools), not measured.
wrk -t2 -c"$USERS" -d20s -s load/mix.lua "http://localhost:$PORT" >/dev/null
echo "== qaflow on $DB: $USERS users for $DURATION ($(nproc) cores, $(date -u +%FT%TZ))"
wrk -t2 -c"$USERS" -d"$DURATION" --timeout 30s -s load/mix.lua "http://localhost:$PORT"
