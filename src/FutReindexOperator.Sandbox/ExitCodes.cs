namespace FutReindexOperator.Sandbox;

/// <summary>What the sandbox's exit code says.</summary>
public static class ExitCodes
{
    /// <summary>Every job reached its expected outcome (or, with <c>--keep</c>, did and the sandbox was then stopped).</summary>
    public const int AllAsExpected = 0;

    /// <summary>At least one job did not reach its expected outcome in time.</summary>
    public const int NotAsExpected = 1;

    /// <summary>The command line was not understood.</summary>
    public const int BadOptions = 2;

    /// <summary>The sandbox could not start (the operator did not become ready, a server did not start, a manifest was refused).</summary>
    public const int StartFailed = 3;
}
