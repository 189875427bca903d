using System.Diagnostics;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>
/// Runs the real kubectl against a kubeconfig, with HOME and KUBECACHEDIR in a private directory so
/// discovery caches never leak between fixtures, and a bounded time per process.
/// </summary>
public sealed class Kubectl(string kubeconfigPath, string homeDirectory)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The kubectl executable on PATH, or null when absent.</summary>
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "kubectl"))
        .FirstOrDefault(File.Exists);

    public KubectlProcess Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("kubectl is not on PATH"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--kubeconfig");
        startInfo.ArgumentList.Add(kubeconfigPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["HOME"] = homeDirectory;
        startInfo.Environment["KUBECACHEDIR"] = Path.Combine(homeDirectory, "cache");
        startInfo.Environment.Remove("KUBECONFIG");
        return new KubectlProcess(startInfo);
    }

    public async Task<KubectlResult> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        using var process = Start(arguments);
        return await process.WaitAsync(DefaultTimeout, cancellationToken);
    }

    /// <summary>Runs kubectl and asserts it succeeded; returns stdout.</summary>
    public async Task<string> SucceedAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await RunAsync(cancellationToken, arguments);
        result.ExitCode.Should().Be(0, $"kubectl {string.Join(' ', arguments)} should succeed; {result}");
        return result.StandardOutput;
    }
}
