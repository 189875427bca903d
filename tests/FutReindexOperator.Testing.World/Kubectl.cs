using System.Diagnostics;

namespace FutReindexOperator.Testing.World;

/// <summary>Runs the real kubectl against the harness's kubeconfig, with a private HOME so no cache leaks between tests.</summary>
public static class Kubectl
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string kubeconfig, CancellationToken cancellationToken, params string[] arguments)
    {
        var home = Directory.CreateTempSubdirectory("kubectl-home-").FullName;
        var startInfo = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--kubeconfig");
        startInfo.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["HOME"] = home;
        startInfo.Environment["KUBECACHEDIR"] = Path.Combine(home, "cache");
        startInfo.Environment.Remove("KUBECONFIG");
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

            Directory.Delete(home, recursive: true);
        }
    }
}
