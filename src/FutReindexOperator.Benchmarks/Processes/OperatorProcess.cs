using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Benchmarks.Processes;

/// <summary>
/// The real operator as production runs it: <c>dotnet FutReindexOperator.dll</c> from this harness's output, configured
/// by environment variables. Every line it writes goes to a shared log (for the secret scan); readiness is its
/// <c>Operator ready</c> line, and the metrics address is read from the runtime's "Serving ... on" line.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    /// <summary>The line the host writes once its informers have synced.</summary>
    public const string ReadyLine = "Operator ready";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;
    private readonly TimeProvider _timeProvider;
    private readonly long _startedAt;
    private readonly TaskCompletionSource<TimeSpan> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _httpAddress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(Process process, ConcurrentQueue<string> log, TimeProvider timeProvider)
    {
        _process = process;
        _log = log;
        _timeProvider = timeProvider;
        _startedAt = timeProvider.GetTimestamp();
    }

    /// <summary>The operator's process id (for /proc sampling).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the time from process start to the <c>Operator ready</c> line.</summary>
    public Task<TimeSpan> Ready => _ready.Task;

    /// <summary>Completes with the address of <c>/metrics</c>, <c>/readyz</c> and <c>/healthz</c>.</summary>
    public Task<Uri> HttpAddress => _httpAddress.Task;

    /// <summary>Names another operator build to measure (a path to its <c>FutReindexOperator.dll</c>).</summary>
    public const string AssemblyVariable = "FUT_REINDEX_OPERATOR_DLL";

    /// <summary>The operator assembly: <see cref="AssemblyVariable"/> when set, else the one next to this harness.</summary>
    public static string OperatorAssemblyPath
        => Environment.GetEnvironmentVariable(AssemblyVariable) is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll");

    /// <summary>Starts the operator with <paramref name="environment"/> on top of a quiet single-line console log.</summary>
    public static OperatorProcess Start(IReadOnlyDictionary<string, string> environment, ConcurrentQueue<string> log, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(OperatorAssemblyPath);
        startInfo.Environment.Remove("KUBECONFIG");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        startInfo.Environment["Logging__LogLevel__Default"] = "Information";
        startInfo.Environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var started = new OperatorProcess(process, log, timeProvider);
        process.OutputDataReceived += (_, line) => started.Receive(line.Data);
        process.ErrorDataReceived += (_, line) => started.Receive(line.Data);
        process.Exited += (_, _) =>
        {
            started._ready.TrySetException(new InvalidOperationException("The operator exited before it was ready."));
            started._httpAddress.TrySetException(new InvalidOperationException("The operator exited before serving HTTP."));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL: the process ends at once, without any graceful shutdown.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The URL in the runtime's "Serving /healthz, /readyz and /metrics on {Address}" line, or null.</summary>
    public static Uri? ParseHttpAddress(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = ServingLine().Match(line);
        return match.Success && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address) ? address : null;
    }

    [GeneratedRegex(@"/metrics on (?<address>https?://\S+)")]
    private static partial Regex ServingLine();

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        if (ParseHttpAddress(line) is { } address)
        {
            _httpAddress.TrySetResult(address);
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult(_timeProvider.GetElapsedTime(_startedAt));
        }
    }
}
