#!/usr/bin/env bash
# Starts the local services the tests talk to, when they are installed but not answering:
# PostgreSQL on 127.0.0.1:5432 (store tests create and drop their own aragora_test_* databases)
# and Redis on 127.0.0.1:6379 (tests use their own key prefix). A service that is not installed
# is left alone; the tests that need it say so when they fail. nginx (the load balancer of the
# multi-instance failover test) is installed from Debian's packages when it is missing and
# apt-get can run; the test starts its own nginx process on a free loopback port.
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
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] && command -v apt-get >/dev/null \
    && [ "$(id -u)" = 0 ]; then
  echo "aragora: installing nginx-light (for the failover test)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1; } \
    || echo "aragora: could not install nginx-light; the failover test will fail" >&2
fi
exit 0
