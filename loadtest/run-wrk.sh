#!/usr/bin/env bash
# Starts a server on a free loopback port and runs wrk/static.lua against it (Debian: apt-get install wrk).
#   loadtest/run-wrk.sh [duration=30s] [connections=64]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require wrk "apt-get install wrk"
start_server
wrk -t2 -c"${2:-64}" -d"${1:-30s}" --latency -s "$ROOT/loadtest/wrk/static.lua" "http://127.0.0.1:$PORT"
