#!/usr/bin/env bash
# Load test: 50 concurrent users (wrk connections) for DURATION against a freshly started qaflow on loopback,
# on the embedded H2 default or on PostgreSQL. Usage (docs/load-test.md):
#   load/run.sh h2                                  # embedded H2 file database
#   QAFLOW_DB_URL=jdbc:postgresql://127.0.0.1:5433/qaflow_load QAFLOW_DB_USER=postgres load/run.sh postgres
#   DATA=large load/run.sh h2                       # the same on the data-volume fixture (100,000 claims)
# DATA=large fills the database with the fixture first (CLAIMS, CENTRES, OPEN_TASKS; a database that already holds it
# is only checked), or, on H2, copies a prepared data directory LARGE_DATA_DIR (kept by an earlier KEEP=1 run, or made
# by the fixture command in docs/load-test.md), so each run starts from the same data. The mix then acts as the
# fixture's busiest users (its first centre's provider, first assessor and first IQA).
# Needs target/qaflow.jar (mvn -q -DskipTests package) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-h2}
DURATION=${DURATION:-120s}
USERS=${USERS:-50}
# A free port, so that runs from several checkouts on one machine do not answer each other's requests.
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
# A run killed before its exit trap (the end of a session) leaves its data directory behind, 0.5-4 GB each: clear
# those of earlier runs whose script is gone, but not one kept on purpose (KEEP=1 marks it) or still in use.
for old in /tmp/qaflow-load.*; do
    [ -f "$old/run.pid" ] && [ ! -e "$old/kept" ] && ! kill -0 "$(cat "$old/run.pid")" 2>/dev/null && rm -rf "$old"
done
WORK=$(mktemp -d /tmp/qaflow-load.XXXXXX)
echo $$ >"$WORK/run.pid"
ARGS=(--server.port=$PORT --qaflow.data-dir=$WORK/data --server.tomcat.threads.max=100)
[ "$DB" = postgres ] && ARGS+=(--spring.profiles.active=postgres)
trap 'if [ -n "${KEEP:-}" ]; then touch "$WORK/kept"; else rm -rf "$WORK"; fi' EXIT
DATA=${DATA:-small}
if [ "$DATA" = large ]; then
    if [ "$DB" = h2 ] && [ -n "${LARGE_DATA_DIR:-}" ]; then
        mkdir -p "$WORK/data" && cp -r "$LARGE_DATA_DIR"/. "$WORK/data"
    else
        START=$(date +%s)
        java -Xmx1g -jar target/qaflow.jar "${ARGS[@]}" --qaflow.volume.claims="${CLAIMS:-100000}" \
            --qaflow.volume.centres="${CENTRES:-300}" --qaflow.volume.open-tasks="${OPEN_TASKS:-10000}" \
            --qaflow.volume.exit=true >"$WORK/fixture.log" 2>&1 || { tail -50 "$WORK/fixture.log"; exit 1; }
        echo "== fixture ready in $(( $(date +%s) - START )) s: $(grep -o 'volume fixture: done.*' "$WORK/fixture.log")"
    fi
    export PROVIDER=v0001p ASSESSOR=v0001a01 IQA=v0001i01 CLAIM_MAX=${CLAIM_MAX:-${CLAIMS:-100000}}
fi
# The JVM options of README's run command apply (src/main/jvm/jvm.options). JAR: another build to compare (default
# target/qaflow.jar). JAVA_OPTS come after them, e.g. a flight recording: JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/load.jfr,settings=profile
java -Xmx768m @src/main/jvm/jvm.options ${JAVA_OPTS:-} -jar "${JAR:-target/qaflow.jar}" "${ARGS[@]}" >"$WORK/app.log" 2>&1 &
APP=$!
# `|| true`: under set -e the wait's non-zero status (the application was killed) would end the trap before the
# clean-up, and every run left its data directory behind.
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; if [ -n "${KEEP:-}" ]; then touch "$WORK/kept"; else rm -rf "$WORK"; fi' EXIT
# START_WAIT: seconds to wait for the application to be healthy (a busy shared machine can take over 10 minutes).
for _ in $(seq 1 "${START_WAIT:-900}"); do
    curl -fs "localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
done
curl -fs "localhost:$PORT/actuator/health" >/dev/null || { echo "qaflow was not healthy after ${START_WAIT:-900} s"; tail -20 "$WORK/app.log"; exit 1; }
# Warm-up (JIT, rule base, pools), not measured.
wrk -t2 -c"$USERS" -d20s -s load/mix.lua "http://localhost:$PORT" >/dev/null
echo "== qaflow on $DB, $DATA data: $USERS users for $DURATION ($(nproc) cores, $(date -u +%FT%TZ))"
wrk -t2 -c"$USERS" -d"$DURATION" --timeout 30s -s load/mix.lua "http://localhost:$PORT"
if [ "$DATA" = large ]; then
    # "My tasks" with the fixture's open tasks in the system, after the load: sequential calls, after a warm-up.
    for user in "$ASSESSOR" assessor; do
        total=$(curl -fs -u "$user:demo" "http://localhost:$PORT/api/tasks?size=1" -o /dev/null -D - | tr -d '\r' \
            | sed -n 's/^X-Total-Count: //Ip')
        for _ in $(seq 1 10); do curl -fs -u "$user:demo" -o /dev/null "http://localhost:$PORT/api/tasks"; done
        for _ in $(seq 1 30); do
            curl -fs -u "$user:demo" -o /dev/null -w '%{time_total}\n' "http://localhost:$PORT/api/tasks"
        done | sort -n | awk -v u="$user" -v n="$total" '{ t[NR] = $1 * 1000 } END { printf "GET /api/tasks as %s (%s tasks), %d calls: p50 %.1f ms, p90 %.1f ms, max %.1f ms\n", u, n, NR, t[int(NR*0.5)+0], t[int(NR*0.9)+0], t[NR] }'
    done
fi
