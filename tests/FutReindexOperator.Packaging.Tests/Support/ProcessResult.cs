namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>How an external command ended, with everything it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
