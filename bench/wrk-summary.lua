-- Shared by the wrk scripts here (loaded with dofile): when a run ends, prints one
-- machine-readable line after wrk's own report, so the caller need not parse wrk's
-- unit-suffixed text:
--
--   BENCH requests=N duration_us=N p50_us=N p90_us=N p99_us=N max_us=N non2xx=N connect=N read=N write=N timeout=N
--
-- non2xx is wrk's count of responses with a status of 400 or above (the figure wrk reports
-- as "Non-2xx or 3xx responses"); connect/read/write/timeout are its socket errors.

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
