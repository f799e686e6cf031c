#!/usr/bin/env bash
# Starts the local services the tests talk to, when they are installed but not answering:
# PostgreSQL on 127.0.0.1:5432 (store tests create and drop their own aragora_test_* databases)
# and Redis on 127.0.0.1:6379 (tests use their own key prefix). A service that is not installed
# is left alone; the tests that need it say so when they fail. nginx (the load balancer of the
# multi-instance failover test) and locust (the load test) are installed from Debian's packages
# when they are missing and apt-get can run; the tests start their own processes on loopback.
set -uo pipefail

if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "aragora: starting PostgreSQL" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi

if command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "aragora: starting Redis" >&2
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
# install_missing PACKAGE COMMAND WHY: apt-get install PACKAGE when COMMAND is not on this machine
install_missing() {
  command -v "$2" >/dev/null || [ -x "/usr/sbin/$2" ] && return 0
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || { echo "aragora: $1 is missing ($3)" >&2; return 0; }
  echo "aragora: installing $1 ($3)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >/dev/null 2>&1; } \
    || echo "aragora: could not install $1; the tests that need it will fail" >&2
}
install_missing nginx-light nginx "the load balancer of the failover test"
install_missing python3-locust locust "the load test of loadtest/locustfile.py"
exit 0
