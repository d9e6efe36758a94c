-- Tables, strings, closures and metatables: the everyday Lua of a configuration script.
local words = {}
for w in ("the quick brown fox jumps over the lazy dog and the cat"):gmatch("%a+") do
  words[#words + 1] = w
end
table.sort(words)
print(#words, table.concat(words, ","))

local counts = {}
for _, w in ipairs(words) do counts[w] = (counts[w] or 0) + 1 end
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys, function(a, b) return counts[a] > counts[b] or (counts[a] == counts[b] and a < b) end)
for i = 1, 3 do print(keys[i], counts[keys[i]]) end

-- 100,000 numbers from an LCG, sorted: a table of about 2 MiB that grows by doubling
local t, x = {}, 7
for i = 1, 100000 do x = (x * 1103515245 + 12345) % 2147483648; t[i] = x end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print("sorted", ok, t[1], t[50000], t[100000])

-- closures that share an upvalue
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
for _ = 1, 10 do inc() end
print("counter", get())

-- a vector type with metamethods
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({a[1] + b[1], a[2] + b[2]}, V) end
V.__tostring = function(v) return string.format("(%g, %g)", v[1], v[2]) end
V.__eq = function(a, b) return a[1] == b[1] and a[2] == b[2] end
local v = setmetatable({1.5, 2}, V) + setmetatable({0.5, -2}, V)
print("vector", tostring(v), v == setmetatable({2, 0}, V))

-- string library
print(string.format("%5.2f|%-6s|%x|%q", math.pi, "ab", 255, "a\nb"))
print(("hello world"):gsub("o", "0"), ("abc"):rep(3, "-"), ("Lua"):upper(), ("  trim  "):match("^%s*(.-)%s*$"))
print(string.byte("A"), string.char(72, 105), #string.rep("x", 1000), utf8.char(228, 8364))
print(math.maxinteger, math.mininteger, 7 // 2, 7 % -3, 2^53, math.type(1), math.type(1.0), 10 / 4)
print(tostring(nil), tostring(true), tonumber("0x1F"), tonumber("z", 36), tonumber("1e3"))
