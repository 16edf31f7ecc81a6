#!/usr/bin/env bash
# CPU time of qaflow per request, for one request kind of load/mix.lua at a time (docs/load-test.md):
#   load/cpu-per-request.sh JAR ROLL [DURATION]     ROLL 1 register, 30 claims list, 50 IQA tasks, 70 assessor tasks, 90 timeline
# EXTRA: more arguments for the jar; JOPTS: JVM options after src/main/jvm/jvm.options (a flight recording, say).
# Prints the process's CPU per request, and the same without the JIT compiler's threads, which are still busy after
# the warm-up (docs/load-test.md, "The garbage collector, the compiler and a growing inbox"). Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$1; ROLL=$2; DURATION=${3:-20s}
WORK=$(mktemp -d /tmp/qaflow-cpu.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
java -Xmx768m @src/main/jvm/jvm.options ${JOPTS:-} -jar "$JAR" --server.port=$PORT --qaflow.data-dir=$WORK/data \
    --server.tomcat.threads.max=100 ${EXTRA:-} >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 ${START_WAIT:-900}); do
    curl -fs "localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
done
ROLL=$ROLL wrk -t2 -c8 -d10s -s load/mix.lua "http://127.0.0.1:$PORT" >/dev/null
# CPU ticks (user + system) of the process, and of its compiler threads.
compiler() { cat /proc/$APP/task/*/stat 2>/dev/null | awk '/\(C[12] CompilerThre/ {sub(/.*\) /, ""); t += $12 + $13} END {print t + 0}'; }
before=$(awk '{print $14 + $15}' /proc/$APP/stat); compiler_before=$(compiler)
OUT=$(ROLL=$ROLL wrk -t2 -c8 -d"$DURATION" -s load/mix.lua "http://127.0.0.1:$PORT")
after=$(awk '{print $14 + $15}' /proc/$APP/stat); compiler_after=$(compiler)
N=$(echo "$OUT" | grep -o '^requests [0-9]*' | awk '{print $2}')
TICKS=$(getconf CLK_TCK)
echo "$(basename "$JAR") ROLL=$ROLL requests=$N cpu_ms_per_request=$(python3 -c "print(round(($after - $before) * 1000 / $TICKS / $N, 2))")\
 without_compiler=$(python3 -c "print(round(($after - $before - $compiler_after + $compiler_before) * 1000 / $TICKS / $N, 2))")\
 $(echo "$OUT" | grep -o 'errors: [0-9]* non-2xx')"
