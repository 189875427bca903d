using System.Diagnostics;

namespace FutReindexOperator.Sandbox.OperatorHost;

/// <summary>
/// The production operator as a child process (<c>dotnet FutReindexOperator.dll</c>), its output in a log file,
/// ready once it logs <see cref="ReadyLine"/> (the host contract's readiness line).
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    /// <summary>What the host logs once its informers have synced.</summary>
    public const string ReadyLine = "Operator ready";

    private const int TailLength = 40;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private bool _closed;
    private bool _disposed;

    private OperatorProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="assemblyPath"/> with <paramref name="environment"/> and waits until it is ready (or throws).</summary>
    public static async Task<OperatorProcess> StartAsync(
        string assemblyPath, IReadOnlyDictionary<string, string> environment, string logPath, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(assemblyPath))
        {
            throw new OperatorStartException($"The operator is not at {assemblyPath}; build src/FutReindexOperator.Sandbox (it references the operator).");
        }

        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            ArgumentList = { assemblyPath },
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new OperatorProcess(process, log);
        process.OutputDataReceived += (_, line) => running.Record(line.Data);
        process.ErrorDataReceived += (_, line) => running.Record(line.Data);
        process.Exited += (_, _) => running._ready.TrySetException(new OperatorStartException(
            $"The operator exited with code {process.ExitCode} before it was ready. Its last lines:{Environment.NewLine}{running.Tail()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await running._ready.Task.WaitAsync(readyTimeout, cancellationToken);
            return running;
        }
        catch (TimeoutException)
        {
            await running.DisposeAsync();
            throw new OperatorStartException($"The operator did not log '{ReadyLine}' within {readyTimeout.TotalSeconds:0} s. Its last lines:{Environment.NewLine}{running.Tail()}");
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines the operator wrote.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>Stops the operator and its children (SIGKILL: the sandbox owns no state in it) and closes the log; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or did not end in time: nothing more to do here.
        }

        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLength)
            {
                _tail.Dequeue();
            }
        }

        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
