#!/usr/bin/env bash
# Calibration of the reported confidence and accuracy of each consensus mode against the
# Bayes-optimal vote, on simulated debates (no network; see CalibrationSimulation's Javadoc).
# Figures go to stdout and to bench/results/calibration.md. Extra arguments are passed to the
# harness, e.g.
#   bench/run-calibration.sh --questions 50000 --train 1000 --seed 7
#   bench/run-calibration.sh --replications 0     # the main run only, without the worst-of-six table
set -euo pipefail
cd "$(dirname "$0")/.."

java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25* /usr/lib/jvm/*)
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    local v; v=$(java_version "$home/bin/java")
    [[ -n "$v" && "${v%%.*}" -ge 21 ]] && { echo "$home"; return; }
  done
  echo "no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1
}
export JAVA_HOME; JAVA_HOME=$(pick_jdk)

JAR=bench/target/benchmarks.jar
if [[ ! -f "$JAR" || -n "$(find core/src bench/src -newer "$JAR" -type f -print -quit)" ]]; then
  ./mvnw -B -q -pl core,bench -am package -DskipTests
fi

OUT=bench/results/calibration.md
mkdir -p "$(dirname "$OUT")"
JVM_OPTS=(-Xmx512m)
"$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
  -Daragora.bench.command="bench/run-calibration.sh $*  (java ${JVM_OPTS[*]}, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))" \
  -cp "$JAR" dev.aragora.bench.CalibrationSimulation --out "$OUT" "$@"
