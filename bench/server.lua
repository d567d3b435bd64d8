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
--   BENCH_VALUE_A, BENCH_VALUE_B  its two values (default 124.88, 124.98; A is the head's)
--
-- A save made on version N writes value B when N is odd and A when N is even, so it always
-- differs from the head's value (version 1 holds A) whichever connection saved last, and no
-- save is answered "unchanged". Each wrk thread has its own Lua state: the version is tracked
-- per thread, shared by the thread's connections (with one connection per thread, per
-- connection). done() prints "BENCH_STATUS ok=… conflict=… other=…" summed over the threads.

local mode = os.getenv("BENCH_MODE") or "check"
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local pointer = os.getenv("BENCH_POINTER") or "/evaluation/funds/executed"
local value_a = os.getenv("BENCH_VALUE_A") or "124.88"
local value_b = os.getenv("BENCH_VALUE_B") or "124.98"

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
  check_body = '{"patch":[{"op":"replace","path":"' .. pointer .. '","value":"' .. value_b .. '"}]}'
end

function request()
  if mode == "check" then
    return wrk.format("POST", path .. "/check", headers, check_body)
  end
  local value = (version % 2 == 1) and value_b or value_a
  local body = '{"base_version":' .. version .. ',"patch":[{"op":"replace","path":"' .. pointer ..
               '","value":"' .. value .. '"}]}'
  return wrk.format("PATCH", path, headers, body)
end

-- The server writes its JSON with sorted keys, so the answer's own "version" (200) or
-- "head_version" (409) is its last member.
function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    if mode == "save" then
      local v = body:match('"version":(%d+)}%s*$')
      if v then version = tonumber(v) end
    end
  elseif status == 409 then
    conflict = conflict + 1
    local v = body:match('"head_version":(%d+)}%s*$')
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
