#!/usr/bin/env bash
# Starts a server on a free loopback port (SQLite in a temp dir, demo agents, per-IP limit raised),
# runs loadtest/locustfile.py headless against it, stops it; exits 1 when an SLO of seeds/002 fails.
#   loadtest/run-locust.sh [users=1000] [run-time=60s]
# Needs python3-locust (Debian: apt-get install python3-locust) and a built server/target/aragora.jar.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
USERS="${1:-1000}"
RUN_TIME="${2:-60s}"
require locust "apt-get install python3-locust"
export ARAGORA_API_TOKEN="loadtest-token-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_server ARAGORA_RATE_LIMIT=10000000 ARAGORA_ADMIN_PASSWORD=loadtest-admin-password
ulimit -n 65535 2>/dev/null || true
set +e
locust -f "$ROOT/loadtest/locustfile.py" --headless -u "$USERS" -r "$(( USERS / 10 ))" --run-time "$RUN_TIME" \
  --host "http://127.0.0.1:$PORT" --only-summary
CODE=$?
echo "locust exit code $CODE (server log: kept only on failure)"
[ "$CODE" -eq 0 ] || cp "$DATA/server.log" "${TMPDIR:-/tmp}/aragora-loadtest-server.log"
exit "$CODE"
