-- wrk: POST the simple model's OIP JSON request; print one machine-readable line at the end.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local data = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]"
wrk.body = '{"inputs":[{"name":"INPUT0","shape":[1,16],"datatype":"INT32","data":' .. data ..
  '},{"name":"INPUT1","shape":[1,16],"datatype":"INT32","data":' .. data .. '}]}'

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
