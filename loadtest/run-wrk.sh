#!/usr/bin/env bash
# Starts a server on a free loopback port and runs wrk/static.lua against it (Debian: apt-get install wrk).
#   loadtest/run-wrk.sh [duration=30s] [connections=64]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/server/target/aragora.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$JAR" ] || { echo "build first: ./aragora build" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 2; }
DATA="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
ARAGORA_DATA_DIR="$DATA" ARAGORA_SIMILARITY_BACKEND=tfidf ARAGORA_IP_RATE_LIMIT=10000000 \
  ARAGORA_RATE_LIMIT_ANONYMOUS=10000000 "$JAVA" -Xmx512m -jar "$JAR" serve --port "$PORT" 2>"$DATA/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
wrk -t2 -c"${2:-64}" -d"${1:-30s}" --latency -s "$ROOT/loadtest/wrk/static.lua" "http://127.0.0.1:$PORT"
