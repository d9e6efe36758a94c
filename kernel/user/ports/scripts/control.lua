-- Coroutines, errors, deep recursion and integer arithmetic.
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i * i) end
  end)
end
local s = 0
for v in gen(100) do s = s + v end
print("squares", s)

local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co), coroutine.status(co))

print(pcall(function() error("boom") end))
print(select(2, pcall(function() error({code = 42}) end)).code)
print(select(2, pcall(function() local t = nil; return t.x end)) ~= nil)
print(xpcall(function() error("deep", 0) end, function(m) return "handled: " .. m end))

local ok, err = pcall(string.rep)
print(ok, err)

-- recursion 150,000 calls deep (Lua's C stack is not used: about 10 MiB of Lua stack)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("depth", depth(150000))

local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(25))

-- a stack overflow is an error Lua catches, not a crash
local function forever(n) return 1 + forever(n + 1) end
local okf, msg = pcall(forever, 1)
print("overflow caught", okf, msg:match("stack overflow") ~= nil)

local acc = 0
for i = 1, 1000000 do acc = (acc + i * 31) % 1000003 end
print("loop", acc)
goto skip
print("not printed")
::skip::
print("done")
