using System.ComponentModel;
using System.Diagnostics;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>Runs a command line tool (kubectl, lua5.1) with a bounded wait; a command that overruns is killed.</summary>
internal static class ExternalCommand
{
    /// <summary>The longest any tool of these tests may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>True when <paramref name="fileName"/> is found on the PATH.</summary>
    public static bool IsInstalled(string fileName)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, fileName)));
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/> and collects its output. Throws
    /// <see cref="TimeoutException"/> after killing the process tree when it runs longer than <see cref="Timeout"/>
    /// or <paramref name="cancellationToken"/> fires first.
    /// </summary>
    public static Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, workingDirectory, new Dictionary<string, string>(), cancellationToken);

    /// <summary>As the overload without <paramref name="environment"/>, with these environment variables set.</summary>
    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, workingDirectory, environment, Timeout, cancellationToken);

    /// <summary>As the overload without <paramref name="timeout"/>, for a tool that may take longer than <see cref="Timeout"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot start {fileName}: {exception.Message}", exception);
        }

        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout.TotalSeconds} s and was killed.");
        }

        return new ProcessResult(process.ExitCode, await standardOutput, await standardError);
    }
}
