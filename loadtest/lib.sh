# Shared by loadtest/run-*.sh (sourced): start_server runs the built server on a free loopback port
# (SQLite in a temporary directory, demo agents, per-IP and anonymous limits raised so that one
# client address is not throttled), waits until it is ready, and stops it when the script exits.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/server/target/aragora.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

require() {  # require COMMAND INSTALL_HINT
  command -v "$1" >/dev/null || { echo "$1 missing: $2" >&2; exit 2; }
}

start_server() {  # start_server [NAME=VALUE...]: more environment for the server; sets DATA, PORT, SERVER
  [ -f "$JAR" ] || { echo "build first: ./aragora build" >&2; exit 2; }
  DATA="$(mktemp -d)"
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  env ARAGORA_DATA_DIR="$DATA" ARAGORA_SIMILARITY_BACKEND=tfidf ARAGORA_IP_RATE_LIMIT=10000000 \
    ARAGORA_RATE_LIMIT_ANONYMOUS=10000000 "$@" "$JAVA" -Xmx512m -jar "$JAR" serve --port "$PORT" 2>"$DATA/server.log" &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
}
