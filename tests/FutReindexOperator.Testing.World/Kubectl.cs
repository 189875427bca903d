using System.Diagnostics;

namespace FutReindexOperator.Testing.World;

/// <summary>Runs the real kubectl against the harness's kubeconfig, with a private HOME so no cache leaks between tests.</summary>
public static class Kubectl
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string kubeconfig, CancellationToken cancellationToken, params string[] arguments)
    {
        var home = Directory.CreateTempSubdirectory("kubectl-home-").FullName;
        var startInfo = new ProcessStartInfo("kubectl");
        startInfo.ArgumentList.Add("--kubeconfig");
        startInfo.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["HOME"] = home;
        startInfo.Environment["KUBECACHEDIR"] = Path.Combine(home, "cache");
        startInfo.Environment.Remove("KUBECONFIG");
        try
        {
            return await ProcessRun.ToEndAsync(startInfo, cancellationToken);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
