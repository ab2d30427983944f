-- get.lua: wrk script: GET with the session cookie $BENCH_COOKIE or the
-- token $BENCH_TOKEN when set, and report like post.lua.
wrk.method = "GET"
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
	io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f " ..
		"requests=%d errors=%d non2xx=%d\n",
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		summary.requests, summary.errors.connect + summary.errors.read +
		summary.errors.write + summary.errors.timeout + summary.errors.status,
		summary.errors.status))
end
