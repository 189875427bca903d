namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>How a kubectl run ended, with its output for assertion messages.</summary>
public sealed record KubectlResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
