using FutReindexOperator.Sandbox.Display;

namespace FutReindexOperator.Sandbox.Expectations;

/// <summary>A job's last row and the outcome it had to reach.</summary>
public sealed record JobResult(JobRow Row, ExpectedOutcome Expected)
{
    public bool Met => Expected.IsMetBy(Row.Phase, Row.Message);
}
