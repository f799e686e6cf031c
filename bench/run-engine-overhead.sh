#!/usr/bin/env bash
# Engine overhead and heap per running debate at 1, 100 and 1,000 concurrent debates against a
# fake provider of fixed latency (see EngineOverheadBenchmark's Javadoc). Figures go to stdout and
# to bench/results/engine-overhead.md. Extra arguments are passed to the harness, e.g.
#   bench/run-engine-overhead.sh --latency-ms 500 --concurrency 1,100
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/lib.sh

JAR=$BENCH_JAR
build_stale_jars

OUT=bench/results/engine-overhead.md
mkdir -p "$(dirname "$OUT")"
JVM_OPTS=(-Xms2g -Xmx2g --enable-native-access=ALL-UNNAMED)
"$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
  -Daragora.bench.command="bench/run-engine-overhead.sh $*  (java ${JVM_OPTS[*]}, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))" \
  -cp "$JAR" dev.aragora.bench.EngineOverheadBenchmark --out "$OUT" "$@"
