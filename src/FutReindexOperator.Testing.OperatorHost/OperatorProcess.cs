using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Testing.OperatorHost;

/// <summary>
/// The production operator as a child process (<c>dotnet FutReindexOperator.dll</c>) configured by environment variables.
/// Every stdout and stderr line goes to <see cref="Output"/> (and the optional log file); readiness is its
/// <see cref="ReadyLine"/>, and its health and metrics address is read from the runtime's "Serving ... on" line.
/// Disposal kills the process tree, so no operator outlives its owner.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    /// <summary>What the host logs once its informers have synced.</summary>
    public const string ReadyLine = "Operator ready";

    private const int TailLength = 40;
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly StreamWriter? _log;
    private readonly TimeProvider _timeProvider;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<TimeSpan> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _httpAddress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _startedAt;
    private bool _closed;
    private bool _disposed;

    private OperatorProcess(Process process, OperatorLaunch launch, StreamWriter? log)
    {
        _process = process;
        _output = launch.Output ?? new ConcurrentQueue<string>();
        _log = log;
        _timeProvider = launch.TimeProvider;
    }

    /// <summary>The process id (for /proc sampling and signals).</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every line written so far (shared with other processes when <see cref="OperatorLaunch.Output"/> is).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Completes with the time from start to the <see cref="ReadyLine"/>; faults with <see cref="OperatorStartException"/>
    /// (exit code and last lines) when the process exits first.
    /// </summary>
    public Task<TimeSpan> Ready => _ready.Task;

    /// <summary>Completes with the address of <c>/metrics</c>, <c>/readyz</c> and <c>/healthz</c>; faults when the process exits first.</summary>
    public Task<Uri> HttpAddress => _httpAddress.Task;

    /// <summary>Starts the operator without waiting for readiness (a standby replica is not ready until it leads).</summary>
    /// <exception cref="OperatorStartException">The assembly does not exist.</exception>
    public static OperatorProcess Start(OperatorLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (!File.Exists(launch.AssemblyPath))
        {
            throw new OperatorStartException($"The operator is not at {launch.AssemblyPath}; build the project that references src/FutReindexOperator.");
        }

        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            ArgumentList = { launch.AssemblyPath },
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(launch.AssemblyPath))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in launch.RemovedVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in launch.Environment)
        {
            start.Environment[key] = value;
        }

        var log = launch.LogPath is null ? null : new StreamWriter(launch.LogPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new OperatorProcess(process, launch, log);
        process.OutputDataReceived += (_, line) => running.Receive(line.Data);
        process.ErrorDataReceived += (_, line) => running.Receive(line.Data);
        process.Exited += (_, _) => running.OnExited();
        running._startedAt = launch.TimeProvider.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Starts the operator and waits for its <see cref="ReadyLine"/>; on any failure the process is gone.</summary>
    /// <exception cref="OperatorStartException">Missing assembly, exit before ready, or no ready line within <paramref name="readyTimeout"/>.</exception>
    public static async Task<OperatorProcess> StartAsync(OperatorLaunch launch, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var running = Start(launch);
        try
        {
            await running.Ready.WaitAsync(readyTimeout, launch.TimeProvider, cancellationToken);
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

    /// <summary>The URL in the runtime's "Serving /healthz, /readyz and /metrics on {Address}" line, or null.</summary>
    public static Uri? ParseHttpAddress(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = ServingLine().Match(line);
        return match.Success && Uri.TryCreate(match.Groups["address"].Value, UriKind.Absolute, out var address) ? address : null;
    }

    /// <summary>The last lines the operator wrote.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>SIGKILL to the process tree: it ends at once, without any graceful shutdown. Returns once it has exited.</summary>
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

    /// <summary>
    /// SIGSTOP: the process freezes mid-flight (a long GC pause, a frozen node), its connections stay open and its
    /// clock keeps running. Returns once the signal is sent.
    /// </summary>
    public Task PauseAsync(CancellationToken cancellationToken) => SignalAsync("-STOP", cancellationToken);

    /// <summary>SIGCONT: a paused process goes on from where it was. Returns once the signal is sent.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken) => SignalAsync("-CONT", cancellationToken);

    /// <summary>SIGTERM, as Kubernetes stops a pod; returns the exit code once the process has ended.</summary>
    public async Task<int> TerminateAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Kills the process tree if it still runs, waits a bounded time for it to end and closes the log; once.</summary>
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

            using var timeout = new CancellationTokenSource(DisposeWait, _timeProvider);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or did not end in time: nothing more can be done from here.
        }

        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log?.Dispose();
        }
    }

    [GeneratedRegex(@"/metrics on (?<address>https?://\S+)")]
    private static partial Regex ServingLine();

    private void OnExited()
    {
        // Exited can be raised before the last lines of stdout and stderr are read: this overload waits for both
        // streams to end, so that the message below holds the process's last words (an operator that refuses its
        // configuration writes one line and exits at once).
        _process.WaitForExit();
        var exitCode = _process.ExitCode;
        _ready.TrySetException(new OperatorStartException(
            $"The operator exited with code {exitCode} before it was ready. Its last lines:{Environment.NewLine}{Tail()}"));
        _httpAddress.TrySetException(new OperatorStartException($"The operator exited with code {exitCode} before serving HTTP."));
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLength)
            {
                _tail.Dequeue();
            }

            if (!_closed)
            {
                _log?.WriteLine(line);
            }
        }

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
