using System.Diagnostics;

namespace FutReindexOperator.Testing.World;

/// <summary>Runs a real client (kubectl, the Python client) to its end, killing it if the test is cancelled first.</summary>
public static class ProcessRun
{
    /// <summary>Starts <paramref name="startInfo"/> with its output redirected and returns its exit code and output (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> ToEndAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        using var process = Process.Start(startInfo)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
