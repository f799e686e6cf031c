#!/usr/bin/env bash
# Debates per second and queue pick-up latency with 1 and 3 server instances on one PostgreSQL
# database, against a fake OpenAI-compatible vendor of fixed latency (QueueThroughput; method in its
# Javadoc and bench/README.md). Figures go to stdout and to bench/results/queue.md.
# Settings (environment, defaults shown):
#   INSTANCES=1,3 LATENCY_MS=200 CONCURRENCY=10   instance counts; vendor latency; ARAGORA_MAX_CONCURRENT_DEBATES
#   DEBATES=120 ROUNDS=3 WARMUP=20                throughput batch, its rounds; warm-up debates per instance
#   PICKUPS=20 SPACING_MS=300                     pick-up debates (at rest, and on a full instance), spacing
#   POLL_MS=                                      ARAGORA_QUEUE_POLL_MS for the servers (unset: their 250)
#   STEP_TIMEOUT=120 RUN_TIMEOUT=600              seconds: each wait in the harness; the whole harness
#   SERVER_JAR=path                               measure another build's jar instead of server/target/aragora.jar
#   OUT=bench/results/queue.md                    where the figures go
#   QUIET_WAIT=120 QUIET_BELOW=0.3                wait up to 120 s in all for other processes to use < 0.3 cores
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); creates and drops aragora_bench_<hex>.
set -euo pipefail
cd "$(dirname "$0")/.."

INSTANCES=${INSTANCES:-1,3} LATENCY_MS=${LATENCY_MS:-200} CONCURRENCY=${CONCURRENCY:-10}
DEBATES=${DEBATES:-120} ROUNDS=${ROUNDS:-3} WARMUP=${WARMUP:-20}
PICKUPS=${PICKUPS:-20} SPACING_MS=${SPACING_MS:-300} POLL_MS=${POLL_MS:-}
STEP_TIMEOUT=${STEP_TIMEOUT:-120} RUN_TIMEOUT=${RUN_TIMEOUT:-600}
QUIET_WAIT=${QUIET_WAIT:-120} QUIET_BELOW=${QUIET_BELOW:-0.3} OUT=${OUT:-bench/results/queue.md}

say() { echo "run-queue: $*" >&2; }

# --- JDK and jars ------------------------------------------------------------------------------
source bench/lib.sh
JAVA="$JAVA_HOME/bin/java"

SERVER_JAR=${SERVER_JAR:-server/target/aragora.jar}   # another build's jar may be given (not rebuilt)
build_stale_jars server
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  say "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1
fi

if [[ $SERVER_JAR == server/target/aragora.jar ]]; then
  BUILT_FROM="built from $(git rev-parse --abbrev-ref HEAD 2>/dev/null) at $(git describe --always --dirty 2>/dev/null)"
else
  BUILT_FROM="SERVER_JAR given: not built from this checkout"
fi
say "JDK: $("$JAVA" -version 2>&1 | sed -n 2p); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the harness -------------------------------------------------------------------------------
# It starts the servers itself, waits for a quiet machine before each timed step, and on TERM (the
# timeout below) stops its servers and drops its database from a shutdown hook.
ARGS=(--server-jar "$SERVER_JAR" --java "$JAVA" --instances "$INSTANCES" --latency-ms "$LATENCY_MS"
      --concurrency "$CONCURRENCY" --debates "$DEBATES" --rounds "$ROUNDS" --warmup "$WARMUP"
      --pickups "$PICKUPS" --spacing-ms "$SPACING_MS" --timeout-seconds "$STEP_TIMEOUT"
      --quiet-wait "$QUIET_WAIT" --quiet-below "$QUIET_BELOW" --clock-ticks "$(getconf CLK_TCK)")
[[ -n $POLL_MS ]] && ARGS+=(--poll-ms "$POLL_MS")
OUT_SHOWN=""; [[ $OUT == bench/results/queue.md ]] || OUT_SHOWN=" OUT=$OUT"
COMMAND="bench/run-queue.sh (INSTANCES=$INSTANCES LATENCY_MS=$LATENCY_MS CONCURRENCY=$CONCURRENCY DEBATES=$DEBATES ROUNDS=$ROUNDS WARMUP=$WARMUP PICKUPS=$PICKUPS SPACING_MS=$SPACING_MS${POLL_MS:+ POLL_MS=$POLL_MS}$OUT_SHOWN); harness java -XX:+UseSerialGC -Xmx1g"
mkdir -p "$(dirname "$OUT")"
TMP_OUT=$(mktemp -t aragora-queue.XXXXXX.md)
trap 'rm -f "$TMP_OUT"' EXIT
timeout --signal=TERM --kill-after=30 "$RUN_TIMEOUT" \
  "$JAVA" -XX:+UseSerialGC -Xmx1g -Daragora.bench.command="$COMMAND" -Daragora.bench.built="$BUILT_FROM" \
  -cp "$BENCH_JAR" dev.aragora.bench.QueueThroughput "${ARGS[@]}" --out "$TMP_OUT" \
  || { rc=$?; say "harness failed or timed out (exit $rc); $OUT left as it was"; exit "$rc"; }
cp "$TMP_OUT" "$OUT"
say "wrote $OUT"
