using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;

namespace FutReindexOperator.Sandbox.Expectations;

/// <summary>A plan's last row; every plan of a sandbox run (the sample over all simulated services) must succeed.</summary>
public sealed record PlanResult(PlanRow Row)
{
    public bool Met => Row.Phase == PlanPhase.Succeeded;
}
