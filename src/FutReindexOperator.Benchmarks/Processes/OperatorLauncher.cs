using System.Collections.Concurrent;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.Benchmarks.Processes;

/// <summary>
/// Starts the real operator as production runs it: <c>dotnet FutReindexOperator.dll</c> from this harness's output (or
/// <see cref="AssemblyVariable"/>), a quiet single-line console log, every line into the shared log for the secret scan.
/// </summary>
public static class OperatorLauncher
{
    /// <summary>Names another operator build to measure (a path to its <c>FutReindexOperator.dll</c>).</summary>
    public const string AssemblyVariable = "FUT_REINDEX_OPERATOR_DLL";

    /// <summary>The operator assembly: <see cref="AssemblyVariable"/> when set, else the one next to this harness.</summary>
    public static string OperatorAssemblyPath
        => Environment.GetEnvironmentVariable(AssemblyVariable) is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll");

    /// <summary>Starts the operator with <paramref name="environment"/> on top of a quiet single-line console log; does not wait for readiness.</summary>
    public static OperatorProcess Start(IReadOnlyDictionary<string, string> environment, ConcurrentQueue<string> log, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        return OperatorProcess.Start(new OperatorLaunch(OperatorAssemblyPath, settings)
        {
            RemovedVariables = ["KUBECONFIG"],
            Output = log,
            TimeProvider = timeProvider,
        });
    }
}
