#!/usr/bin/env bash
# Calibration of the reported confidence and accuracy of each consensus mode against the
# Bayes-optimal vote, on simulated debates (no network; see CalibrationSimulation's Javadoc).
# Figures go to stdout and to bench/results/calibration.md. Extra arguments are passed to the
# harness, e.g.
#   bench/run-calibration.sh --questions 50000 --train 1000 --seed 7
#   bench/run-calibration.sh --replications 0     # the main run only, without the worst-of-six table
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/lib.sh

JAR=$BENCH_JAR
build_stale_jars

OUT=bench/results/calibration.md
mkdir -p "$(dirname "$OUT")"
JVM_OPTS=(-Xmx512m)
"$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
  -Daragora.bench.command="bench/run-calibration.sh $*  (java ${JVM_OPTS[*]}, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))" \
  -cp "$JAR" dev.aragora.bench.CalibrationSimulation --out "$OUT" "$@"
