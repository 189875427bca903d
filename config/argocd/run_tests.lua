-- Runs health.lua against the cases of health_test.yaml, as Argo CD's TestLuaHealthScript does, but with the
-- string, math and io libraries out of reach, as argocd-cm scripts run without useOpenLibs.
-- Usage (from any directory): lua5.1 run_tests.lua [inputPath ...]   (no inputPath: every case)
-- Prints "ok <inputPath>" or "not ok <inputPath>: ..." per case and "<n> passed, <n> failed"; exits 1 on failure.
local yaml = require "yaml"

local here = string.match(arg[0], "^(.*)/") or "."

local function readFile(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

-- lua-yaml is libyaml's event parser; build plain tables from its events. Plain scalars follow the YAML 1.2
-- core schema (null, booleans, numbers), as Argo CD's JSON-decoded objects have them; nulls become absent.
local function scalarValue(event)
  if event.style ~= "PLAIN" then
    return event.value
  end
  local value = event.value
  if value == "null" or value == "Null" or value == "NULL" or value == "~" or value == "" then
    return nil
  end
  if value == "true" or value == "True" or value == "TRUE" then
    return true
  end
  if value == "false" or value == "False" or value == "FALSE" then
    return false
  end
  if string.match(value, "^[-+]?[0-9]+$") or string.match(value, "^[-+]?[0-9]*%.[0-9]+$") then
    return tonumber(value)
  end
  return value
end

local function loadYaml(text)
  local next = yaml.parser(text)
  local function node(event)
    if event.type == "SCALAR" then
      return scalarValue(event)
    elseif event.type == "SEQUENCE_START" then
      local list = {}
      for item in next do
        if item.type == "SEQUENCE_END" then
          return list
        end
        list[#list + 1] = node(item)
      end
    elseif event.type == "MAPPING_START" then
      local map = {}
      for key in next do
        if key.type == "MAPPING_END" then
          return map
        end
        map[node(key)] = node(next())
      end
    end
    error("unsupported YAML event " .. tostring(event.type))
  end
  for event in next do
    if event.type == "DOCUMENT_START" then
      return node(next())
    end
  end
  error("no YAML document")
end

-- The globals Argo CD's VM has without open libraries: the base library and table (gopher-lua also opens
-- package and a safe os, which a health check has no use for).
local function sandbox(obj)
  return {
    obj = obj, ipairs = ipairs, pairs = pairs, next = next, type = type, tostring = tostring,
    tonumber = tonumber, select = select, unpack = unpack, error = error, pcall = pcall, assert = assert,
    table = table,
  }
end

local function runHealth(chunk, obj)
  setfenv(chunk, sandbox(obj))
  -- Without the string library, strings have no methods either (s:sub() fails in Argo CD).
  local stringMethods = getmetatable("")
  local saved = stringMethods.__index
  stringMethods.__index = nil
  local ok, result = pcall(chunk)
  stringMethods.__index = saved
  return ok, result
end

local chunk = assert(loadfile(here .. "/health.lua"))
local suite = loadYaml(readFile(here .. "/health_test.yaml"))

local wanted = nil
if #arg > 0 then
  wanted = {}
  for _, inputPath in ipairs(arg) do
    wanted[inputPath] = true
  end
end

local passed, failed = 0, 0
for _, case in ipairs(suite.tests) do
  if wanted == nil or wanted[case.inputPath] then
    if wanted ~= nil then
      wanted[case.inputPath] = nil
    end
    local obj = loadYaml(readFile(here .. "/" .. case.inputPath))
    local ok, result = runHealth(chunk, obj)
    local expected = case.healthStatus
    if not ok then
      failed = failed + 1
      print("not ok " .. case.inputPath .. ": health.lua raised " .. tostring(result))
    elseif type(result) ~= "table" or result.status ~= expected.status or result.message ~= expected.message then
      failed = failed + 1
      local got = type(result) == "table" and (tostring(result.status) .. " / " .. tostring(result.message)) or tostring(result)
      print("not ok " .. case.inputPath .. ": expected " .. expected.status .. " / " .. tostring(expected.message) .. ", got " .. got)
    else
      passed = passed + 1
      print("ok " .. case.inputPath)
    end
  end
end
if wanted ~= nil then
  for inputPath in pairs(wanted) do
    failed = failed + 1
    print("not ok " .. inputPath .. ": no such case in health_test.yaml")
  end
end
print(passed .. " passed, " .. failed .. " failed")
os.exit(failed == 0 and passed > 0 and 0 or 1)
