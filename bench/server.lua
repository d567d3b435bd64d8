-- The write requests of bench/server.sh, for wrk (`wrk -s bench/server.lua …`). Every setting
-- comes from the environment, which bench/server.sh fills:
--
--   BENCH_MODE     "check": POST <path>/check with a one-operation JSON Patch against the head
--                  (the editor's live check of an unsaved edit; nothing is saved);
--                  "save":  PATCH <path> with {"base_version": N, "patch": […]}, N tracked from
--                  each answer (200: "version", 409: "head_version"), so every save is made on
--                  the head this connection last heard of.
--   BENCH_PATH     /api/v1/packages/ID
--   BENCH_VERSION  the head version of that package when the run starts
--   BENCH_PATHS, BENCH_VERSIONS  instead of the two above: several packages and their head
--                  versions (space-separated), one per wrk thread in turn, so that threads
--                  saving different packages never race each other
--   BENCH_COOKIE   the jx_session token;  BENCH_CSRF: the session's CSRF token
--   BENCH_POINTER  the value edited (default /evaluation/funds/executed)
--
-- Every request sends a value no request has sent before ("100.01", "100.02", … from a counter
-- per thread, offset by the thread's number; a save made on version N sends the N-th), so the
-- server evaluates every edit afresh: none is answered from its cache of evaluated versions,
-- which would flatter it. A save always differs from the head's value, so none is answered
-- "unchanged". Each wrk thread has its own Lua state: the version is tracked per thread,
-- shared by the thread's connections (with one connection per thread, per connection).
-- done() prints "BENCH_STATUS ok=… conflict=… other=…" summed over the threads.

local mode = os.getenv("BENCH_MODE") or "check"
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local pointer = os.getenv("BENCH_POINTER") or "/evaluation/funds/executed"

-- The n-th value: 100.01, 100.02, …, 199.99, 200.00, … (never "124.88", the example's own).
local function nth_value(n)
  return string.format("%d.%02d", 100 + math.floor(n / 100), n % 100)
end

local function words(text)
  local list = {}
  for w in string.gmatch(text or "", "%S+") do table.insert(list, w) end
  return list
end

local paths = words(os.getenv("BENCH_PATHS") or os.getenv("BENCH_PATH") or "/api/v1/packages/1")
local versions = words(os.getenv("BENCH_VERSIONS") or os.getenv("BENCH_VERSION") or "1")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  local i = (#threads - 1) % #paths + 1
  thread:set("thread_number", #threads)
  thread:set("path", paths[i])
  thread:set("version", tonumber(versions[i] or versions[1]))
end

function init(args)
  ok, conflict, other = 0, 0, 0
  headers = {
    ["Content-Type"] = "application/json",
    ["X-CSRF-Token"] = csrf,
    ["Cookie"] = "jx_session=" .. cookie,
  }
  counter = 0
end

function request()
  if mode == "check" then
    -- Thread t counts from t × 1,000,000 (hundredths above 100), so threads never meet.
    counter = counter + 1
    local body = '{"patch":[{"op":"replace","path":"' .. pointer .. '","value":"' ..
                 nth_value(thread_number * 1000000 + counter) .. '"}]}'
    return wrk.format("POST", path .. "/check", headers, body)
  end
  local value = nth_value(version)
  local body = '{"base_version":' .. version .. ',"patch":[{"op":"replace","path":"' .. pointer ..
               '","value":"' .. value .. '"}]}'
  return wrk.format("PATCH", path, headers, body)
end

-- The server writes its JSON with sorted keys, so the answer's own "version" (200) or
-- "head_version" (409) is its last member: only the answer's tail is searched (a pattern over
-- the whole answer, tens of kilobytes of findings, would cost the client more than the server's
-- own JSON writing, on the same two cores).
local function tail(body)
  return body:sub(-64)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    if mode == "save" then
      local v = tail(body):match('"version":(%d+)}%s*$')
      if v then version = tonumber(v) end
    end
  elseif status == 409 then
    conflict = conflict + 1
    local v = tail(body):match('"head_version":(%d+)}%s*$')
    if v then version = tonumber(v) end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + (t:get("ok") or 0)
    b = b + (t:get("conflict") or 0)
    c = c + (t:get("other") or 0)
  end
  io.write(string.format("BENCH_STATUS ok=%d conflict=%d other=%d\n", a, b, c))
end
