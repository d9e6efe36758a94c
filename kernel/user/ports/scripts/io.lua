-- Files, the environment, large allocations and the collector: Lua's io and os libraries.
local path = "/tmp/lua-io-test.txt"
local f = assert(io.open(path, "w"))
for i = 1, 2000 do f:write(string.format("%04d %s\n", i, string.rep("=", i % 50))) end
f:close()

local lines, bytes = 0, 0
for line in io.lines(path) do lines = lines + 1; bytes = bytes + #line + 1 end
print("lines", lines, "bytes", bytes)

f = assert(io.open(path, "r"))
print("seek end", f:seek("end"))
f:seek("set", 5 * 1000)
print("at 5000:", f:read("l"))
f:close()

f = assert(io.open(path, "a")); f:write("appended\n"); f:close()
f = assert(io.open(path, "r")); local all = f:read("a"); f:close()
print("last line", all:match("([^\n]+)\n$"), #all)

assert(os.rename(path, path .. ".moved"))
print("old gone", io.open(path, "r") == nil)
print("remove", os.remove(path .. ".moved"))
print("remove again", select(2, os.remove(path .. ".moved")) ~= nil)
print("open missing", select(2, io.open("/no/such/file")))

print("PATH", os.getenv("PATH"), "HOME", os.getenv("HOME"))
print("time sane", os.time() > 1500000000, os.clock() >= 0, type(os.date("%Y")))
print("date", os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))

-- 4 MiB and 32 MiB strings: glibc's malloc maps these, and frees them again
local big = string.rep("abcdefgh", 512 * 1024)
print("big", #big, big:sub(-8))
local huge = string.rep(big, 8)
print("huge", #huge)
huge, big = nil, nil
collectgarbage("collect")
print("gc count small", collectgarbage("count") < 1024)

-- many small objects
local objs = {}
for i = 1, 200000 do objs[i] = {i, tostring(i)} end
print("objects", #objs, objs[123456][2])
objs = nil
collectgarbage()
os.exit(3)
