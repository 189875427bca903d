using System.Diagnostics;
using System.Threading.Channels;

namespace FutReindexOperator.Sandbox.Tests.Support;

/// <summary>The sandbox as its own process (<c>dotnet FutReindexOperator.Sandbox.dll ...</c>), its output read line by line.</summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private SandboxProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Every line read so far (standard output and error).</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static SandboxProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.Sandbox.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var sandbox = new SandboxProcess(process);
        process.OutputDataReceived += (_, line) => sandbox.Receive(line.Data);
        process.ErrorDataReceived += (_, line) => sandbox.Receive(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sandbox;
    }

    /// <summary>Reads lines until one satisfies <paramref name="wanted"/>; fails with everything read when the output ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        while (await _lines.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_lines.Reader.TryRead(out var line))
            {
                if (wanted(line))
                {
                    return line;
                }
            }
        }

        throw new InvalidOperationException("The sandbox ended without the expected line. Its output:" + Environment.NewLine + string.Join(Environment.NewLine, Seen));
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Kills the sandbox with its operator child process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_seen)
        {
            _seen.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }
}
