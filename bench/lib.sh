# Shared by the bench/run-*.sh scripts (sourced, from the repository root): picks a JDK >= 21
# into JAVA_HOME, tells whether a jar is older than the sources it is built from, and rebuilds
# the jars a script runs when they are.

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
stale() {  # stale JAR MODULE_DIR...
  local jar=$1; shift
  [[ ! -f "$jar" || -n "$(find pom.xml "$@" -newer "$jar" \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f -print -quit)" ]]
}
BENCH_JAR=bench/target/benchmarks.jar
build_stale_jars() {  # build_stale_jars [server]: the benchmarks jar, and with "server" the server's
  local modules=core,bench rebuild=false    # (unless SERVER_JAR names another build's jar, never rebuilt)
  stale "$BENCH_JAR" core bench && rebuild=true
  if [[ ${1:-} == server ]]; then
    modules=server,bench
    [[ ${SERVER_JAR:-server/target/aragora.jar} == server/target/aragora.jar ]] \
      && stale server/target/aragora.jar core server && rebuild=true
  fi
  if $rebuild; then
    echo "bench: building the $modules jars" >&2
    ./mvnw -B -q -pl "$modules" -am package -DskipTests
  fi
}
export JAVA_HOME; JAVA_HOME=$(pick_jdk)
