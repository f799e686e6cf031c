#!/usr/bin/env bash
# Server figures in one run, on this machine: start-to-ready on a fresh embedded SQLite, idle RSS,
# /api/health throughput (its public, unauthenticated form: the status only) and p99 with wrk against nginx serving the same JSON as a static file,
# and WebSocket subscribers held by one instance with its RSS there (WsSubscribersLoad).
# Figures go to stdout and to bench/results/server.md. Settings (environment, defaults shown):
#   STARTS=5 IDLE_SECONDS=5                      start-to-ready runs per JVM setting; idle before RSS
#   WRK_THREADS=2 WRK_CONNECTIONS=64 WRK_SECONDS=10 WRK_ROUNDS=3 WRK_WARMUP=10
#   WS_CONNECTIONS=10000 WS_HOLD=10 WS_IN_FLIGHT=200 WS_FULL_REPLAY=100 WS_TAIL=3
#   WS_SOURCE_ADDRESSES=1     1: one client address, the server's per-IP WebSocket limits raised to fit;
#                             K > 1: connections spread over K loopback addresses, server limits left
#                             at their defaults (10 per IP, 30 per IP per minute): use K >= N / 10
#   SERVER_JAR=path           measure another build's jar instead of server/target/aragora.jar
#   SKIP_WS=1                                    leave out the WebSocket part
#   QUIET_WAIT=120 QUIET_BELOW=0.3               first wait up to 120 s for other processes to use < 0.3 cores
# Installs nginx and wrk with apt-get when they are missing (Debian's mirror).
set -euo pipefail
cd "$(dirname "$0")/.."

STARTS=${STARTS:-5} IDLE_SECONDS=${IDLE_SECONDS:-5}
WRK_THREADS=${WRK_THREADS:-2} WRK_CONNECTIONS=${WRK_CONNECTIONS:-64} WRK_SECONDS=${WRK_SECONDS:-10}
WRK_ROUNDS=${WRK_ROUNDS:-3} WRK_WARMUP=${WRK_WARMUP:-10}
WS_CONNECTIONS=${WS_CONNECTIONS:-10000} WS_HOLD=${WS_HOLD:-10} WS_IN_FLIGHT=${WS_IN_FLIGHT:-200}
WS_FULL_REPLAY=${WS_FULL_REPLAY:-100} WS_TAIL=${WS_TAIL:-3} WS_SOURCE_ADDRESSES=${WS_SOURCE_ADDRESSES:-1}
SKIP_WS=${SKIP_WS:-0} QUIET_WAIT=${QUIET_WAIT:-120} QUIET_BELOW=${QUIET_BELOW:-0.3}
# Every server started here and the WebSocket load client share one API token (the API needs
# authentication; /readyz and the public /api/health status document do not).
export ARAGORA_API_TOKEN="${ARAGORA_API_TOKEN:-bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"

say() { echo "run-server: $*" >&2; }

# --- JDK, jars, tools -------------------------------------------------------------------------
source bench/lib.sh
JAVA="$JAVA_HOME/bin/java"

SERVER_JAR=${SERVER_JAR:-server/target/aragora.jar}   # another build's jar may be given (not rebuilt)
build_stale_jars server

missing=()
NGINX=$(command -v nginx || true); [[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
[[ -n "$NGINX" ]] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt-get from Debian's mirror"
  SUDO=(); [[ $EUID -ne 0 ]] && SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi
command -v curl >/dev/null || { say "curl is needed"; exit 1; }

# Each process needs one descriptor per connection plus its jars and libraries.
want_fds=$((WS_CONNECTIONS + 2000))
hard=$(ulimit -Hn)
if [[ "$hard" == unlimited ]]; then
  ulimit -n "$want_fds"
else
  (( hard >= want_fds )) || say "ulimit -Hn is $hard (< $want_fds): file descriptors will cap the WebSocket connections"
  ulimit -n "$hard"
fi

# --- processes and cleanup ---------------------------------------------------------------------
WORK=$(mktemp -d -t aragora-bench.XXXXXX)
chmod 755 "$WORK"   # nginx workers run as nobody when started by root
PIDS=()
stop_pid() {  # TERM, up to 15 s, then KILL
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
forget_pid() {
  local keep=() pid
  for pid in "${PIDS[@]}"; do [[ $pid == "$1" ]] || keep+=("$pid"); done
  PIDS=("${keep[@]}")
}
cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 10000))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  say "no free port"; exit 1
}
now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
mkfifo "$WORK/tick"; exec 9<>"$WORK/tick"   # read -t on it is a sleep that forks nothing
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf (m >= 100 ? "%.0f\n" : "%.3g\n"), m }'; }
proc_ticks() {  # utime+stime of the given processes and their children, in clock ticks
  local pid total=0 t
  for pid in "$@" $(for p in "$@"; do pgrep -P "$p"; done); do
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) && total=$((total + ${t:-0}))
  done
  echo "$total"
}
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
children_seconds() {  # user+sys of finished children from a `times` output (second line)
  sed -n 2p "$1" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] } printf "%.3f", s }'
}
CLK_TCK=$(getconf CLK_TCK)
cpu_busy_cores() {  # cores busy machine-wide over half a second
  local a b
  a=$(machine_busy_ticks); read -r -t 0.5 -u 9 _ || true; b=$(machine_busy_ticks)
  awk -v d=$((b - a)) -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", d / hz / 0.5 }'
}
# wait_quiet: before a timed step, wait while other processes keep more than QUIET_BELOW cores busy,
# drawing on one budget of QUIET_WAIT seconds for the whole run. Sets LAST_BUSY.
QUIET_LEFT_MS=$((QUIET_WAIT * 1000)) QUIET_WAITED_MS=0
wait_quiet() {
  local t0=${EPOCHREALTIME/./}
  LAST_BUSY=$(cpu_busy_cores)
  while awk -v b="$LAST_BUSY" -v q="$QUIET_BELOW" 'BEGIN { exit !(b >= q) }' && (( QUIET_LEFT_MS > 0 )); do
    read -r -t 1 -u 9 _ || true
    LAST_BUSY=$(cpu_busy_cores)
    local spent=$(( (${EPOCHREALTIME/./} - t0) / 1000 )); t0=${EPOCHREALTIME/./}
    QUIET_LEFT_MS=$((QUIET_LEFT_MS - spent)) QUIET_WAITED_MS=$((QUIET_WAITED_MS + spent))
  done
}
max_of() { printf '%s\n' "$@" | sort -g | tail -1; }

# start_server NAME PORT ENV... -- JVM_FLAGS... ; sets SERVER_PID, SERVER_T0 (ms), SERVER_LOG
start_server() {
  local name=$1 port=$2; shift 2
  local envs=()
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done; shift
  local data="$WORK/data-$name-$RANDOM"
  SERVER_LOG="$WORK/server-$name.log"
  SERVER_T0=$(now_ms)
  if [[ ${1:-} == ./aragora ]]; then   # the launcher: finds a JDK, then execs java with its own flags
    env ARAGORA_DATA_DIR="$data" "${envs[@]}" ./aragora serve --port "$port" >>"$SERVER_LOG" 2>&1 &
  else
    env ARAGORA_DATA_DIR="$data" "${envs[@]}" "$JAVA" "$@" -jar "$SERVER_JAR" serve --port "$port" >>"$SERVER_LOG" 2>&1 &
  fi
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
}
# wait_ready PORT → prints ms from SERVER_T0 until GET /readyz answered 200. Polls every ~10 ms
# with bash's /dev/tcp and a read timeout on a FIFO, so polling forks nothing and takes no CPU
# from the starting server.
wait_ready() {
  local port=$1 t status deadline=$(( ${EPOCHREALTIME/./} / 1000 + 60000 ))
  while true; do
    status=
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      printf 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
      read -r -t 2 _ status _ <&3 || true
      exec 3<&-
    fi
    [[ $status == 200 ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { say "server exited; log:"; tail -20 "$SERVER_LOG" >&2; exit 1; }
    t=$(( ${EPOCHREALTIME/./} / 1000 ))
    (( t < deadline )) || { say "server not ready after 60 s"; exit 1; }
    read -r -t 0.01 -u 9 _ || true
  done
  echo $(( ${EPOCHREALTIME/./} / 1000 - SERVER_T0 ))
}
stop_server() { stop_pid "$SERVER_PID"; forget_pid "$SERVER_PID"; }

if [[ $SERVER_JAR == server/target/aragora.jar ]]; then
  BUILT_FROM="built from $(git rev-parse --abbrev-ref HEAD 2>/dev/null) at $(git describe --always --dirty 2>/dev/null)"
else
  BUILT_FROM="SERVER_JAR given: not built from this checkout"
fi
JAVA_DESC=$("$JAVA" -version 2>&1 | sed -n 2p)
CPUS=$(nproc)
CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM_GB=$(awk '/^MemTotal:/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)
ERGO=$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" {mh = $4} $2 ~ /^Use(G1|Serial|Parallel|Z|Shenandoah)GC$/ && $4 == "true" {gc = $2} END {printf "%s, max heap %d MB", gc, mh / 1048576}')
say "JDK: $JAVA_DESC; $CPUS CPUs ($CPU_MODEL), ${MEM_GB} GB; JVM defaults here: $ERGO"

# Other work on the machine skews every figure: each timed step first waits for it to calm down.
wait_quiet; BACKGROUND_START=$LAST_BUSY
say "CPU busy from other processes at start: $BACKGROUND_START cores (waited $((QUIET_WAITED_MS / 1000)) s; quiet-wait budget left $((QUIET_LEFT_MS / 1000)) s)"

# --- 1. start-to-ready and idle RSS ------------------------------------------------------------
# The settings compared: plain `java -jar` (JVM defaults), the flags ./aragora serve runs with,
# and the defaults with a capped heap.
NATIVE=--enable-native-access=ALL-UNNAMED
SETTING_NAMES=("java -jar (JVM defaults)" "./aragora serve" "java -Xmx256m -jar")
SETTING_FLAGS=("$NATIVE" "./aragora" "$NATIVE -Xmx256m")
SETTING_SHOW=("$NATIVE" "(read from the running process)" "$NATIVE -Xmx256m")
LAUNCHER_FIRST=""
declare -a READY_MED READY_MAX READY_ALL RSS_READY RSS_IDLE START_OTHER
for s in "${!SETTING_NAMES[@]}"; do
  times=() rss_at_ready=() others=()
  read -r -a flags <<<"${SETTING_FLAGS[$s]}"
  if [[ ${flags[0]} == ./aragora ]]; then
    # A user's first start after a build records the launcher's ahead-of-time cache (JDK 25+) or
    # writes its class-data archive (older JDKs); time it apart from the others.
    rm -f server/target/aragora.aot server/target/aragora.jsa
    wait_quiet; port=$(free_port)
    start_server "start$s-first" "$port" -- "${flags[@]}"
    LAUNCHER_FIRST=$(wait_ready "$port") || exit 1
    SETTING_SHOW[$s]="finds a JDK, then $(tr '\0' ' ' <"/proc/$SERVER_PID/cmdline" | sed 's/^[^ ]*java //; s/ -Daragora[^ ]*//g; s/ -jar .*//')"
    stop_server
    say "first ./aragora serve (records its start-up cache first): ready in $LAUNCHER_FIRST ms"
  fi
  for run in $(seq "$STARTS"); do
    port=$(free_port)
    wait_quiet
    m0=$(machine_busy_ticks)
    start_server "start$s" "$port" -- "${flags[@]}"
    t=$(wait_ready "$port") || exit 1
    m1=$(machine_busy_ticks); own=$(proc_ticks "$SERVER_PID")
    others+=("$(awk -v m=$((m1 - m0)) -v o="$own" -v ms="$t" -v hz="$CLK_TCK" 'BEGIN { v = (m - o) / hz / (ms / 1000); printf "%.2f", v < 0 ? 0 : v }')")
    times+=("$t"); rss_at_ready+=("$(rss_kb "$SERVER_PID")")
    if [[ $run == "$STARTS" ]]; then sleep "$IDLE_SECONDS"; RSS_IDLE[$s]=$(rss_kb "$SERVER_PID"); fi
    stop_server
  done
  READY_MED[$s]=$(median "${times[@]}"); READY_MAX[$s]=$(max_of "${times[@]}"); READY_ALL[$s]="${times[*]}"
  RSS_READY[$s]=$(median "${rss_at_ready[@]}")
  START_OTHER[$s]="${others[*]}"
  say "start-to-ready [${SETTING_NAMES[$s]}]: median ${READY_MED[$s]} ms, max ${READY_MAX[$s]} ms (${times[*]}); RSS at ready $(mb "${RSS_READY[$s]}") MB, after ${IDLE_SECONDS} s idle $(mb "${RSS_IDLE[$s]}") MB; other processes' CPU during each start: ${others[*]} cores"
done

# --- 2. /api/health vs nginx -------------------------------------------------------------------
APP_PORT=$(free_port)
start_server throughput "$APP_PORT" -- ./aragora
wait_ready "$APP_PORT" >/dev/null
HEALTH_BODY=$(curl -s "http://127.0.0.1:$APP_PORT/api/health")
HEALTH_HEADERS=$(curl -s -D - -o /dev/null "http://127.0.0.1:$APP_PORT/api/health" | tr -d '\r' | grep -v '^$' | tail -n +2 | cut -d: -f1 | paste -sd, -)

NGX="$WORK/nginx"; NGINX_PORT=$(free_port)
mkdir -p "$NGX/html/api" "$NGX/tmp"
printf '%s' "$HEALTH_BODY" >"$NGX/html/api/health"
chmod -R a+rX "$NGX"
cat >"$NGX/nginx.conf" <<EOF
worker_processes $CPUS;
pid $NGX/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  open_file_cache max=16;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $NGX/html;
    location = /api/health { default_type application/json; }
  }
}
EOF
"$NGINX" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" -g 'daemon off;' 2>>"$NGX/error.log" &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/api/health" && break; sleep 0.05; done
cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT/api/health") "$NGX/html/api/health" || { say "nginx does not serve the file"; cat "$NGX/error.log" >&2; exit 1; }
NGINX_HEADERS=$(curl -s -D - -o /dev/null "http://127.0.0.1:$NGINX_PORT/api/health" | tr -d '\r' | grep -v '^$' | tail -n +2 | cut -d: -f1 | paste -sd, -)

WRK_ARGS=(-t"$WRK_THREADS" -c"$WRK_CONNECTIONS" --latency)
# wrk_run SECONDS URL PID... → "req/s p50_ms p99_ms non2xx+socket_errors target_cores wrk_cores other_cores"
# CPU in cores (1.0 = one core busy for the whole run): the target's processes (PID and children),
# wrk itself, and everything else on the machine (from /proc/stat).
wrk_run() {
  local seconds=$1 url=$2; shift 2
  local p0 m0 w0 p1 m1 w1 out
  p0=$(proc_ticks "$@"); m0=$(machine_busy_ticks); times >"$WORK/times0"
  out=$(wrk "${WRK_ARGS[@]}" -d"${seconds}s" "$url")
  times >"$WORK/times1"; p1=$(proc_ticks "$@"); m1=$(machine_busy_ticks)
  w0=$(children_seconds "$WORK/times0"); w1=$(children_seconds "$WORK/times1")
  printf '### %s\n%s\n\n' "$url" "$out" >>"$WORK/wrk.log"
  awk -v secs="$seconds" -v hz="$CLK_TCK" -v tp=$((p1 - p0)) -v mb=$((m1 - m0)) -v w0="$w0" -v w1="$w1" '
       function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
       /Requests\/sec:/ { rps = $2 }
       $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
       /Non-2xx/ { bad += $NF }
       /Socket errors:/ { for (i = 3; i <= NF; i++) { v = $i; gsub(/,/, "", v); if (v ~ /^[0-9]+$/) bad += v } }
       END { target = tp / hz / secs; wrkc = (w1 - w0) / secs; other = mb / hz / secs - target - wrkc; if (other < 0) other = 0
             printf "%.0f %.3g %.3g %d %.2f %.2f %.2f\n", rps, p50, p99, bad, target, wrkc, other }' <<<"$out"
}

# Targets: the health document (the figure asked for), liveness (no database: what Javalin/Jetty
# give without the health handler's work) and nginx's static file.
T_NAMES=("Aragora /api/health" "Aragora /healthz" "nginx static file")
T_URLS=("http://127.0.0.1:$APP_PORT/api/health" "http://127.0.0.1:$APP_PORT/healthz" "http://127.0.0.1:$NGINX_PORT/api/health")
T_PIDS=("$SERVER_PID" "$SERVER_PID" "$NGINX_PID")
BACKGROUND_BEFORE_WRK=$(cpu_busy_cores)
say "CPU busy before wrk (nothing of ours running): $BACKGROUND_BEFORE_WRK cores"
say "wrk warm-up: ${WRK_WARMUP} s on the server, 5 s on nginx"
wrk_run "$WRK_WARMUP" "${T_URLS[0]}" "$SERVER_PID" >/dev/null
wrk_run 5 "${T_URLS[1]}" "$SERVER_PID" >/dev/null
wrk_run 5 "${T_URLS[2]}" "$NGINX_PID" >/dev/null
declare -A R_RPS R_P50 R_P99 R_BAD R_CPU R_EFF
ROUND_RATIOS=()
for round in $(seq "$WRK_ROUNDS"); do
  for t in "${!T_NAMES[@]}"; do
    wait_quiet
    read -r rps p50 p99 bad tc wc oc < <(wrk_run "$WRK_SECONDS" "${T_URLS[$t]}" "${T_PIDS[$t]}")
    R_EFF[$t]+="$(awk -v r="$rps" -v c="$tc" 'BEGIN { printf "%.0f", (c > 0 ? r / c : 0) }') "
    R_RPS[$t]+="$rps " R_P50[$t]+="$p50 " R_P99[$t]+="$p99 " R_BAD[$t]=$(( ${R_BAD[$t]:-0} + bad ))
    R_CPU[$t]+="$tc/$wc/$oc "
    [[ $t == 0 ]] && round_app=$rps
    [[ $t == 2 ]] && ROUND_RATIOS+=("$(awk -v a="$round_app" -v n="$rps" 'BEGIN { printf "%.2f", a / n }')")
    say "round $round ${T_NAMES[$t]}: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx + socket errors $bad; CPU cores target $tc, wrk $wc, other $oc"
  done
done
APP_RSS_AFTER_WRK=$(rss_kb "$SERVER_PID")
stop_server
stop_pid "$NGINX_PID"; forget_pid "$NGINX_PID"
declare -A M_RPS M_P50 M_P99 M_EFF
for t in "${!T_NAMES[@]}"; do
  read -r -a v <<<"${R_EFF[$t]}"; M_EFF[$t]=$(median "${v[@]}")
  read -r -a v <<<"${R_RPS[$t]}"; M_RPS[$t]=$(median "${v[@]}")
  read -r -a v <<<"${R_P50[$t]}"; M_P50[$t]=$(median "${v[@]}")
  read -r -a v <<<"${R_P99[$t]}"; M_P99[$t]=$(median "${v[@]}")
done
ratio() { awk -v a="$1" -v n="$2" 'BEGIN { printf (a / n < 0.1 ? "%.3f" : "%.2f"), a / n }'; }
RATIO=$(ratio "${M_RPS[0]}" "${M_RPS[2]}")
RATIO_LIVE=$(ratio "${M_RPS[1]}" "${M_RPS[2]}")
RATIO_ROUNDS=$(median "${ROUND_RATIOS[@]}")
RATIO_EFF=$(ratio "${M_EFF[0]}" "${M_EFF[2]}")
say "/api/health: ${M_RPS[0]} req/s (p99 ${M_P99[0]} ms); /healthz: ${M_RPS[1]} req/s (p99 ${M_P99[1]} ms); nginx static: ${M_RPS[2]} req/s (p99 ${M_P99[2]} ms); ratio /api/health ÷ nginx $RATIO (per round ${ROUND_RATIOS[*]}; /healthz ÷ nginx $RATIO_LIVE)"

# --- 3. WebSocket subscribers ------------------------------------------------------------------
WS_STATUS=skipped WS_NOTE="SKIP_WS=1"
declare -A WS=()
if [[ $SKIP_WS != 1 ]]; then
  WS_PORT=$(free_port)
  if (( WS_SOURCE_ADDRESSES > 1 )); then
    WS_ENV=()
    WS_LIMITS="per-IP limits at their defaults, connections spread over $WS_SOURCE_ADDRESSES loopback source addresses"
  else
    WS_ENV=(ARAGORA_WS_MAX_PER_IP=$((WS_CONNECTIONS + 100)) ARAGORA_WS_CONN_RATE=$((WS_CONNECTIONS * 10)))
    WS_LIMITS="env \`${WS_ENV[*]}\`: the per-IP limits raised so that one client address can hold them all"
  fi
  start_server ws "$WS_PORT" "${WS_ENV[@]}" -- ./aragora
  wait_ready "$WS_PORT" >/dev/null
  say "WebSocket: ramping to $WS_CONNECTIONS subscribers (server env ${WS_ENV[*]})"
  set +e
  "$JAVA" -Xmx3g -cp "$BENCH_JAR" dev.aragora.bench.WsSubscribersLoad --url "http://127.0.0.1:$WS_PORT" \
    --connections "$WS_CONNECTIONS" --in-flight "$WS_IN_FLIGHT" --hold-seconds "$WS_HOLD" \
    --full-replay "$WS_FULL_REPLAY" --tail "$WS_TAIL" --source-addresses "$WS_SOURCE_ADDRESSES" \
    --server-pid "$SERVER_PID" --jcmd "$JAVA_HOME/bin/jcmd" >"$WORK/ws.out" 2> >(tee "$WORK/ws.err" >&2) &
  WS_CLIENT_PID=$!; PIDS+=("$WS_CLIENT_PID")
  wait "$WS_CLIENT_PID"; ws_rc=$?
  set -e
  forget_pid "$WS_CLIENT_PID"
  while IFS='=' read -r key value; do WS[${key#RESULT }]=$value; done < <(grep '^RESULT ' "$WORK/ws.out" | grep -v '^RESULT error=')
  WS_ERRORS=$(grep '^RESULT error=' "$WORK/ws.out" | sed 's/^RESULT error=//' || true)
  case $ws_rc in
    0) WS_STATUS=measured WS_NOTE="every subscriber confirmed" ;;
    1) WS_STATUS=measured WS_NOTE="not every subscriber confirmed" ;;
    3) WS_STATUS=pending WS_NOTE="/ws answered HTTP ${WS[ws_handshake_status]:-404}: the WebSocket endpoint is not in this build" ;;
    *) WS_STATUS=failed WS_NOTE="load client exited with $ws_rc" ;;
  esac
  WS_SERVER_LOG_ERRORS=$(grep -c -E 'ERROR|Exception' "$SERVER_LOG" || true)
  stop_server
  say "WebSocket: $WS_STATUS ($WS_NOTE)"
fi

# --- results -----------------------------------------------------------------------------------
OUT=bench/results/server.md
mkdir -p "$(dirname "$OUT")"
COMMAND="bench/run-server.sh"
{
  echo "# Server: $(date +%Y-%m-%dT%H:%M)"
  echo
  echo "- Machine: $CPUS CPUs ($CPU_MODEL), ${MEM_GB} GB RAM, shared with other jobs; wrk, nginx, the load client and the server all share these cores. Before each timed step the script waited while other processes kept ≥ $QUIET_BELOW cores busy, $((QUIET_WAITED_MS / 1000)) s in all (budget $QUIET_WAIT s); the CPU other processes took during each step is in the tables"
  echo "- JDK: $JAVA_DESC; JVM defaults here: $ERGO"
  echo "- Command: \`$COMMAND\` (STARTS=$STARTS WRK_THREADS=$WRK_THREADS WRK_CONNECTIONS=$WRK_CONNECTIONS WRK_SECONDS=$WRK_SECONDS WRK_ROUNDS=$WRK_ROUNDS WS_CONNECTIONS=$WS_CONNECTIONS WS_HOLD=$WS_HOLD)"
  echo "- Server: the start-up settings below, then \`./aragora serve\` for throughput and WebSockets; embedded SQLite in a fresh empty ARAGORA_DATA_DIR each start; $BUILT_FROM"
  echo
  echo "## Start-to-ready and idle RSS"
  echo
  echo "From launching the command until \`GET /readyz\` answers 200 (polled every ~10 ms from bash without forking; Flyway creates the schema), $STARTS starts per setting. RSS is VmRSS from /proc at ready (median) and after ${IDLE_SECONDS} s idle (last start). ./aragora serve's first start after a build, which first records its start-up cache (server/target/aragora.aot on JDK 25+: a training run, a few seconds, once per build), is not among its $STARTS: it took $LAUNCHER_FIRST ms."
  echo
  echo "| command | JVM flags | ready median | ready max | all starts (ms) | other processes' CPU per start (cores) | RSS at ready | RSS idle |"
  echo "|---|---|---:|---:|---|---|---:|---:|"
  for s in "${!SETTING_NAMES[@]}"; do
    echo "| ${SETTING_NAMES[$s]} | \`${SETTING_SHOW[$s]}\` | ${READY_MED[$s]} ms | ${READY_MAX[$s]} ms | ${READY_ALL[$s]} | ${START_OTHER[$s]} | $(mb "${RSS_READY[$s]}") MB | $(mb "${RSS_IDLE[$s]}") MB |"
  done
  echo
  echo "## /api/health against nginx"
  echo
  echo "\`wrk ${WRK_ARGS[*]} -d${WRK_SECONDS}s\`, $WRK_ROUNDS rounds alternating server and nginx after a ${WRK_WARMUP} s warm-up of the server and 5 s of nginx; medians of the rounds. Server: \`./aragora serve\` (its flags: ${SETTING_SHOW[1]}). nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///'): worker_processes $CPUS, keepalive, access_log off, serving a ${#HEALTH_BODY}-byte file with the server's /api/health body."
  echo
  echo "| target | req/s (median) | rounds | p50 (median) | p99 (median) | p99 rounds | non-2xx + socket errors | CPU cores per round: target / wrk / other | req per CPU-second of the target (median) |"
  echo "|---|---:|---|---:|---:|---|---:|---|---:|"
  for t in "${!T_NAMES[@]}"; do
    echo "| ${T_NAMES[$t]} | ${M_RPS[$t]} | ${R_RPS[$t]% } | ${M_P50[$t]} ms | ${M_P99[$t]} ms | ${R_P99[$t]% } | ${R_BAD[$t]} | ${R_CPU[$t]% } | ${M_EFF[$t]} |"
  done
  echo
  echo "Ratio /api/health ÷ nginx (req/s): **$RATIO** (goal ≥ 0.5) from the medians; per round (each server round beside the nginx round that followed it): ${ROUND_RATIOS[*]}, median $RATIO_ROUNDS. /healthz ÷ nginx: $RATIO_LIVE. Requests per CPU-second, /api/health ÷ nginx: $RATIO_EFF (independent of how much CPU other processes took). Server RSS after the wrk rounds: $(mb "$APP_RSS_AFTER_WRK") MB. CPU busy before the rounds, from processes not started by this script: $BACKGROUND_BEFORE_WRK cores."
  echo
  echo "Body: \`$HEALTH_BODY\`. Response headers — server: $HEALTH_HEADERS; nginx: $NGINX_HEADERS."
  echo
  echo "## WebSocket subscribers"
  echo
  if [[ $WS_STATUS == measured ]]; then
    per_conn=$(awk -v a="${WS[server_rss_held_kb]}" -v b="${WS[server_rss_before_kb]}" -v n="${WS[confirmed]}" 'BEGIN { if (n > 0) printf "%.1f", (a - b) / n; else print "n/a" }')
    echo "\`WsSubscribersLoad\` (JDK java.net.http WebSocket, one JVM with -Xmx3g, $WS_SOURCE_ADDRESSES source address(es), at most $WS_IN_FLIGHT handshakes in flight) against a fresh \`./aragora serve\` ($WS_LIMITS). One finished demo debate (${WS[debate_events]} stored events); each connection sends {\"type\":\"subscribe\",\"debate_id\":ID,\"since\":S}: the first $WS_FULL_REPLAY with since 0 (full replay), the rest with since = last − $WS_TAIL. Confirmed = got \"subscribed\" and every expected event. Result: $WS_NOTE."
    echo
    echo "| figure | value |"
    echo "|---|---:|"
    echo "| connections requested | ${WS[connections]} |"
    echo "| opened | ${WS[opened]} |"
    echo "| confirmed subscribers | **${WS[confirmed]}** (full replays: ${WS[full_replay_confirmed]}) |"
    echo "| handshake failures / failed after open | ${WS[handshake_failed]} / ${WS[failed_after_open]} |"
    echo "| ramp (first connect → last confirmed) | ${WS[ramp_seconds]} s |"
    echo "| still open after ${WS[hold_seconds]} s hold | ${WS[still_open_after_hold]} |"
    echo "| server RSS before → held (peak) | $(mb "${WS[server_rss_before_kb]}") MB → **$(mb "${WS[server_rss_held_kb]}") MB** ($(mb "${WS[server_rss_peak_kb]}") MB) |"
    echo "| server RSS per held subscriber | $per_conn KB |"
    heap_per=$(awk -v a="${WS[server_heap_live_held_kb]}" -v b="${WS[server_heap_live_before_kb]}" -v n="${WS[confirmed]}" 'BEGIN { if (n > 0) printf "%.1f", (a - b) / n; else print "n/a" }')
    echo "| server Java heap live after a full GC, before → held | $(mb "${WS[server_heap_live_before_kb]}") MB → $(mb "${WS[server_heap_live_held_kb]}") MB ($heap_per KB per subscriber) |"
    echo "| server RSS held, after that full GC | $(mb "${WS[server_rss_held_after_gc_kb]}") MB |"
    echo "| /api/health while holding | ${WS[health_status]} in ${WS[health_ms]} ms |"
    echo "| load client RSS | $(mb "${WS[client_rss_kb]}") MB |"
    echo "| server log lines with ERROR/Exception | $WS_SERVER_LOG_ERRORS |"
    echo
    echo "/api/health while holding: \`${WS[health_body]}\`"
    [[ -n "$WS_ERRORS" ]] && { echo; echo "Errors seen by the client (first connection of each):"; echo; sed 's/^/- /' <<<"$WS_ERRORS"; }
  else
    echo "**${WS_STATUS}**: $WS_NOTE."
  fi
  echo
  echo "## Notes"
  echo
  echo "- One machine: wrk (${WRK_THREADS} threads) and the server, or wrk and nginx, compete for the same $CPUS cores, so both figures are lower than on separate machines; the ratio is the comparable figure."
  echo
  echo "## wrk output of the last round"
  echo
  echo '```'
  awk '/^### / { n++ } { block[n] = block[n] $0 "\n" } END { printf "%s%s", block[n - 1], block[n] }' "$WORK/wrk.log"
  echo '```'
} >"$OUT"
cat "$OUT"
