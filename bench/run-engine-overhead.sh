#!/usr/bin/env bash
# Engine overhead and heap per running debate at 1, 100 and 1,000 concurrent debates against a
# fake provider of fixed latency (see EngineOverheadBenchmark's Javadoc). Figures go to stdout and
# to bench/results/engine-overhead.md. Extra arguments are passed to the harness, e.g.
#   bench/run-engine-overhead.sh --latency-ms 500 --concurrency 1,100
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

OUT=bench/results/engine-overhead.md
mkdir -p "$(dirname "$OUT")"
JVM_OPTS=(-Xms2g -Xmx2g --enable-native-access=ALL-UNNAMED)
"$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
  -Daragora.bench.command="bench/run-engine-overhead.sh $*  (java ${JVM_OPTS[*]}, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))" \
  -cp "$JAR" dev.aragora.bench.EngineOverheadBenchmark --out "$OUT" "$@"
