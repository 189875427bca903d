using System.Diagnostics;

namespace FutReindexOperator.Sandbox.Tests.Support;

/// <summary>Runs the real kubectl.</summary>
public static class Kubectl
{
    /// <summary>Runs <paramref name="commandLine"/> (a printed <c>kubectl ...</c> command without quoting) to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string commandLine, CancellationToken cancellationToken)
    {
        using var process = Start(commandLine);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts <paramref name="commandLine"/> with its output redirected, for commands that do not end by themselves (<c>-w</c>).</summary>
    public static Process Start(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        words[0].Should().Be("kubectl");
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var word in words.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        return Process.Start(start)!;
    }
}
