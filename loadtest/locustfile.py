"""Aragora load test with the SLOs of seeds/002 as pass/fail.

    locust -f loadtest/locustfile.py --headless -u 1000 -r 100 --run-time 60s \
        --host http://127.0.0.1:8080 --only-summary

(`loadtest/run-locust.sh` starts a server and runs exactly this.) The run fails (exit code 1) unless,
over all requests: p50 < 200 ms, p95 < 500 ms, p99 < 2000 ms, errors < 1 %, throughput > 50 req/s.
1000 users is 10x the seed's `-u 100`. Loopback only: a remote --host is refused unless
LOADTEST_ALLOW_REMOTE=1 (never point it at a server you do not own).

Authenticated calls use ARAGORA_API_TOKEN (the server's shared service token). Give the server a
per-IP limit that 1000 users on one address do not hit (run-locust.sh sets ARAGORA_IP_RATE_LIMIT),
or the 429s count as errors.
"""
import os
from urllib.parse import urlparse

from locust import FastHttpUser, between, events, task

SLO_MS = {0.50: 200, 0.95: 500, 0.99: 2000}
MAX_ERROR_RATIO = 0.01
MIN_RPS = 50
TOKEN = os.environ.get("ARAGORA_API_TOKEN", "")


@events.init.add_listener
def refuse_remote_hosts(environment, **_kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1") and os.environ.get("LOADTEST_ALLOW_REMOTE") != "1":
        raise SystemExit(f"refusing to load-test {environment.host!r}: loopback only (LOADTEST_ALLOW_REMOTE=1 to override)")


class ApiUser(FastHttpUser):
    """A client that mostly reads: health, the debate list, the leaderboard, readiness.

    FastHttpUser (geventhttpclient): the plain HttpUser's client spends more CPU than the server on
    a 2-core machine, and its own queueing then shows up as server latency.
    """

    wait_time = between(1, 3)

    auth = {"Authorization": f"Bearer {TOKEN}"} if TOKEN else {}

    @task(5)
    def health(self):
        self.client.get("/api/health")

    @task(3)
    def debates(self):
        self.client.get("/api/v2/debates?limit=20", name="/api/v2/debates", headers=self.auth)

    @task(2)
    def rankings(self):
        self.client.get("/api/v2/agents/leaderboard", name="/api/v2/agents/leaderboard", headers=self.auth)

    @task(1)
    def ready(self):
        self.client.get("/readyz")


@events.quitting.add_listener
def assert_slos(environment, **_kwargs):
    total = environment.stats.total
    failures = []
    if total.num_requests == 0:
        failures.append("no requests were made")
    else:
        for q, limit in SLO_MS.items():
            value = total.get_response_time_percentile(q)
            if value >= limit:
                failures.append(f"p{int(q * 100)} {value:.0f} ms >= {limit} ms")
        if total.fail_ratio >= MAX_ERROR_RATIO:
            failures.append(f"error ratio {total.fail_ratio:.2%} >= {MAX_ERROR_RATIO:.0%}")
        if total.total_rps <= MIN_RPS:
            failures.append(f"throughput {total.total_rps:.1f} req/s <= {MIN_RPS}")
    summary = (f"SLO: {total.num_requests} requests, p50 {total.get_response_time_percentile(0.5):.0f} ms, "
               f"p95 {total.get_response_time_percentile(0.95):.0f} ms, p99 {total.get_response_time_percentile(0.99):.0f} ms, "
               f"errors {total.fail_ratio:.2%}, {total.total_rps:.1f} req/s")
    print(summary)
    if failures:
        print("SLO FAILED: " + "; ".join(failures))
        environment.process_exit_code = 1
    else:
        print("SLO passed")
        environment.process_exit_code = 0
