-- Argo CD health of a fhir.fut.dk ReindexJob or ReindexPlan (both keys of argocd-cm use this script). Lua 5.1 without
-- the standard libraries (argocd-cm scripts run without them unless useOpenLibs is set): only "..", ipairs and table
-- access.
-- Healthy: the server's job, or every child of the plan's run, succeeded (Complete=True). Degraded: the run ended
-- without a known success (Failed=True: failed, cancelled, lost or untrackable; a plan with a child that did not
-- succeed) or needs attention (Stalled=True: a job refused, a plan that cannot start or with a stalled child).
-- Progressing: pending, submitted or running, or the operator has not yet seen the latest spec.

local kind = obj.kind or "ReindexJob"

-- Argo CD answers "Pending deletion" itself before running a script, unless the object carries its hook
-- finalizer; a hook being deleted must still report its real health, so the script does the same.
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  local hookFinalizer = false
  if obj.metadata.finalizers ~= nil then
    for _, finalizer in ipairs(obj.metadata.finalizers) do
      if finalizer == "argocd.argoproj.io/hook-finalizer" then
        hookFinalizer = true
      end
    end
  end
  if not hookFinalizer then
    return { status = "Progressing", message = "Pending deletion" }
  end
end

if obj.status == nil then
  return { status = "Progressing", message = "Waiting for the operator to pick up the " .. kind }
end

if obj.metadata ~= nil and obj.metadata.generation ~= nil and
    (obj.status.observedGeneration == nil or obj.status.observedGeneration < obj.metadata.generation) then
  return { status = "Progressing", message = "Waiting for the operator to observe the latest spec" }
end

local conditions = {}
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    conditions[condition.type] = condition
  end
end

local function isTrue(conditionType)
  return conditions[conditionType] ~= nil and conditions[conditionType].status == "True"
end

-- The status message explains the phase; a condition's message or reason stands in when it is empty.
local function explain(conditionType, fallback)
  if obj.status.message ~= nil and obj.status.message ~= "" then
    return obj.status.message
  end
  local condition = conditions[conditionType]
  if condition ~= nil and condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  if condition ~= nil and condition.reason ~= nil and condition.reason ~= "" then
    return condition.reason
  end
  return fallback
end

local phase = obj.status.phase

if isTrue("Failed") then
  return { status = "Degraded", message = explain("Failed", "The reindex failed") }
end
if isTrue("Complete") then
  return { status = "Healthy", message = explain("Complete", "The reindex succeeded") }
end
if isTrue("Stalled") then
  return { status = "Degraded", message = explain("Stalled", "The " .. kind .. " needs attention") }
end
-- An operator that writes the phase before its conditions (or without them) still gets an answer.
if phase == "Succeeded" then
  return { status = "Healthy", message = explain("Complete", "The reindex succeeded") }
end
if phase == "Failed" or phase == "Cancelled" or phase == "Lost" or phase == "Untrackable" or phase == "Stalled" then
  return { status = "Degraded", message = explain("Stalled", "The reindex ended " .. phase) }
end
return { status = "Progressing", message = explain("Reconciling", "Waiting for the operator to report progress") }
