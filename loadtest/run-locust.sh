#!/usr/bin/env bash
# Starts a server on a free loopback port (SQLite in a temp dir, demo agents, per-IP limit raised),
# runs loadtest/locustfile.py headless against it, stops it; exits 1 when an SLO of seeds/002 fails.
#   loadtest/run-locust.sh [users=1000] [run-time=60s]
# Needs python3-locust (Debian: apt-get install python3-locust) and a built server/target/aragora.jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
USERS="${1:-1000}"
RUN_TIME="${2:-60s}"
JAR="$ROOT/server/target/aragora.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$JAR" ] || { echo "build first: ./aragora build" >&2; exit 2; }
command -v locust >/dev/null || { echo "locust missing: apt-get install python3-locust" >&2; exit 2; }
DATA="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export ARAGORA_API_TOKEN="loadtest-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ARAGORA_DATA_DIR="$DATA" ARAGORA_SIMILARITY_BACKEND=tfidf ARAGORA_IP_RATE_LIMIT=10000000 \
  ARAGORA_RATE_LIMIT=10000000 ARAGORA_RATE_LIMIT_ANONYMOUS=10000000 ARAGORA_ADMIN_PASSWORD=loadtest-admin-password \
  "$JAVA" -Xmx512m -jar "$JAR" serve --port "$PORT" 2>"$DATA/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
ulimit -n 65535 2>/dev/null || true
set +e
locust -f "$ROOT/loadtest/locustfile.py" --headless -u "$USERS" -r "$(( USERS / 10 ))" --run-time "$RUN_TIME" \
  --host "http://127.0.0.1:$PORT" --only-summary
CODE=$?
echo "locust exit code $CODE (server log: kept only on failure)"
[ "$CODE" -eq 0 ] || cp "$DATA/server.log" "${TMPDIR:-/tmp}/aragora-loadtest-server.log"
exit "$CODE"
