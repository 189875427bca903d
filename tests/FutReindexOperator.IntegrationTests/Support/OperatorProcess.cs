using System.Collections.Concurrent;
using System.Diagnostics;

namespace FutReindexOperator.IntegrationTests.Support;

/// <summary>
/// The operator started as production starts it: <c>dotnet FutReindexOperator.dll</c> with a kubeconfig and options
/// from environment variables. Every line it writes is kept (for the secret-leak checks); readiness is its
/// <c>Operator ready</c> log line.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(Process process, ConcurrentQueue<string> lines)
    {
        _process = process;
        _lines = lines;
    }

    /// <summary>Every line written to stdout and stderr so far.</summary>
    public IReadOnlyCollection<string> Output => _lines;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the operator and waits for its <c>Operator ready</c> line.</summary>
    public static async Task<OperatorProcess> StartAsync(IReadOnlyDictionary<string, string> environment, ConcurrentQueue<string> output, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"));
        startInfo.Environment.Remove("KUBECONFIG");
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        startInfo.Environment["Logging__LogLevel__Default"] = "Information";
        startInfo.Environment["Logging__LogLevel__FutReindexOperator"] = "Debug";
        startInfo.Environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var started = new OperatorProcess(process, output);
        process.OutputDataReceived += (_, line) => started.Receive(line.Data);
        process.ErrorDataReceived += (_, line) => started.Receive(line.Data);
        process.Exited += (_, _) => started._ready.TrySetException(new InvalidOperationException("The operator exited before it was ready:\n" + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started._ready.Task.WaitAsync(ReadyTimeout, cancellationToken);
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>SIGKILL: the process ends at once, without any graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; returns the exit code.</summary>
    public async Task<int> TerminateAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.Contains("Operator ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
