-- wrk over the endpoints that answer without a database or credentials: probes, health, docs.
--   wrk -t2 -c64 -d30s --latency -s loadtest/wrk/static.lua http://127.0.0.1:8080
-- Prints p50/p99 and exits 1 when 1% or more fail (status >= 400, socket errors) or p99 >= 2 s;
-- loadtest/run-wrk.sh starts a server and runs it.
local paths = { "/healthz", "/readyz", "/api/health", "/api/v2/health", "/openapi.yaml", "/" }
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local total = summary.requests
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("static: %d requests, p50 %.1f ms, p99 %.1f ms, %d errors\n", total,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad))
  if total == 0 or bad / total >= 0.01 or latency:percentile(99) >= 2000000 then
    io.write("SLO FAILED\n")
    os.exit(1)
  end
  io.write("SLO passed\n")
end
