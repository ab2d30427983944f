-- post.lua: wrk script: POST the file $BENCH_BODY as application/xml,
-- with the token $BENCH_TOKEN when set and the headers of the file
-- $BENCH_HEADERS ("Name: value" lines) when set, and count non-2xx
-- answers.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/xml"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
	wrk.headers["Authorization"] = "Bearer " .. token
end
local extra = os.getenv("BENCH_HEADERS")
if extra and extra ~= "" then
	for line in io.lines(extra) do
		local name, value = line:match("^([^:]+):%s*(.*)$")
		if name then
			wrk.headers[name] = value
		end
	end
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
