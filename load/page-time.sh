#!/usr/bin/env bash
# Times one page, as a logged-in user, on a copy of a prepared data directory (for example one filled by the
# data-volume fixture, docs/load-test.md). Usage:
#   load/page-time.sh JAR DATA_DIR USER PATH [TIMES]
#   load/page-time.sh target/qaflow.jar /tmp/large/data qm /qm/centres 5
# Prints one line per request (status, seconds, bytes) and the load average before and after.
set -euo pipefail
JAR=$1 DATA=$2 USER_NAME=$3 PAGE=$4 TIMES=${5:-5}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORK=$(mktemp -d /tmp/qaflow-page.XXXXXX)
cp -r "$DATA"/. "$WORK/data"
java -Xmx1g -jar "$JAR" --server.port="$PORT" --qaflow.data-dir="$WORK/data" >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do curl -fs "localhost:$PORT/actuator/health" >/dev/null && break; sleep 1; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
JAR_COOKIES="$WORK/cookies"
csrf=$(curl -fs -c "$JAR_COOKIES" -b "$JAR_COOKIES" "localhost:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null -d "username=$USER_NAME&password=demo&_csrf=$csrf" "localhost:$PORT/login"
for _ in $(seq 1 "$TIMES"); do
    curl -s -b "$JAR_COOKIES" -o /dev/null -m 900 -w "$PAGE as $USER_NAME: %{http_code} in %{time_total} s, %{size_download} bytes\n" "localhost:$PORT$PAGE"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
