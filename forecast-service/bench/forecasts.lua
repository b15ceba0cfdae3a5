-- wrk script: POST /forecasts with one new product per request, rotating through the lines of a JSON Lines
-- file (BODIES env var) so that the server sees different products and launch dates, not one cached answer.
local bodies = {}
local next_body = 1

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    bodies[#bodies + 1] = '{"products":[' .. line .. '],"horizon":12,"quantiles":[0.1,0.5,0.9]}'
  end
  next_body = math.random(#bodies)
end

-- Paced mode: with RATE (requests/s over all connections) and CONNS (the -c value) set, each connection waits
-- about CONNS/RATE seconds between requests (less the ~1 ms a request takes), so latency is measured at a held
-- rate instead of at saturation. wrk reports the rate actually reached.
local pause = nil
if os.getenv("RATE") and os.getenv("CONNS") then
  pause = math.max(0, 1000.0 * tonumber(os.getenv("CONNS")) / tonumber(os.getenv("RATE")) - 1)
end

function delay()
  return pause or 0
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  -- wrk.format takes the given headers instead of wrk.headers (the -H options, the bearer token among them)
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  return wrk.format("POST", nil, headers, body)
end


-- Which model versions answered (COUNT_VERSIONS=1): the approve benchmark shows both sides of each swap.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("COUNT_VERSIONS") then
  versions = {}
  function response(status, headers, body)
    local v = string.match(body, '"modelVersion":"([^"]+)"') or ("status " .. status)
    versions[v] = (versions[v] or 0) + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d status, %d connect, %d read, %d write, %d timeout\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  for _, thread in ipairs(threads) do
    local seen = thread:get("versions")
    if seen then
      for v, n in pairs(seen) do
        io.write(string.format("answered by %s: %d\n", v, n))
      end
    end
  end
end
