#!/usr/bin/env bash
# "My tasks" with thousands of open tasks in the system: starts the built jar on a fresh H2 database, registers CLAIMS
# apprenticeship claims (eleven units, so eleven assessment tasks each) for the demo assessor, then times
# GET /api/tasks as that assessor ROUNDS times (sequentially, after a warm-up) and prints p50/p90/max in ms.
# Usage: CLAIMS=300 ROUNDS=50 load/tasks.sh [path/to/qaflow.jar]   (docs/load-test.md)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-target/qaflow.jar}
CLAIMS=${CLAIMS:-300}
ROUNDS=${ROUNDS:-50}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORK=$(mktemp -d /tmp/qaflow-tasks.XXXXXX)
java -Xmx768m -jar "$JAR" --server.port=$PORT --qaflow.data-dir=$WORK/data >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
    curl -fs "localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
done
BASE="http://localhost:$PORT"
START=$(date +%s)
for i in $(seq 1 "$CLAIMS"); do
    curl -fs -u provider:demo -H 'Content-Type: application/json' -o /dev/null "$BASE/api/claims" -d \
        "{\"firstName\":\"Load\",\"lastName\":\"Learner $i\",\"dateOfBirth\":\"1990-01-01\",\"uln\":\"$((7200000000 + i))\",\"qualification\":\"610/3771/0\",\"assessor\":\"assessor\"}"
done
echo "registered $CLAIMS claims in $(( $(date +%s) - START )) s; open tasks: $(curl -fs -u assessor:demo "$BASE/api/tasks?size=200" -o /dev/null -D - | tr -d '\r' | sed -n 's/^X-Total-Count: //Ip') for the assessor (blank: no count header)"
for _ in $(seq 1 10); do curl -fs -u assessor:demo -o /dev/null "$BASE/api/tasks"; done
for _ in $(seq 1 "$ROUNDS"); do
    curl -fs -u assessor:demo -o /dev/null -w '%{time_total}\n' "$BASE/api/tasks"
done | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "GET /api/tasks as assessor, %d calls: p50 %.1f ms, p90 %.1f ms, max %.1f ms\n", NR, t[int(NR*0.5)+0], t[int(NR*0.9)+0], t[NR] }'
