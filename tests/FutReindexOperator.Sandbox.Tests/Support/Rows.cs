using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Display;

namespace FutReindexOperator.Sandbox.Tests.Support;

/// <summary>Job rows for view tests.</summary>
public static class Rows
{
    public static JobRow Of(string name, ReindexPhase? phase = null, string? jobId = null, double seconds = 0, string? message = null, string target = "organization") =>
        new(name, target, phase, jobId, TimeSpan.FromSeconds(seconds), message);
}
