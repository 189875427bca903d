using System.Diagnostics;
using System.Text;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>A running kubectl whose output is collected as it arrives; disposing kills it if still running.</summary>
public sealed class KubectlProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    public KubectlProcess(ProcessStartInfo startInfo)
    {
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for exit; kills the process and fails when <paramref name="timeout"/> passes first.</summary>
    public async Task<KubectlResult> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new AssertionException($"kubectl {string.Join(' ', _process.StartInfo.ArgumentList)} did not finish within {timeout}; {Result(-1)}");
        }

        return Result(_process.ExitCode);
    }

    public override string ToString() => Result(HasExited ? _process.ExitCode : -1).ToString();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private KubectlResult Result(int exitCode)
    {
        lock (_gate)
        {
            return new KubectlResult(exitCode, _stdout.ToString(), _stderr.ToString());
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }
}
