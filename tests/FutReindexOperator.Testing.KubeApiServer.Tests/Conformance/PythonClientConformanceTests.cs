using System.Diagnostics;
using System.Text.RegularExpressions;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Conformance;

/// <summary>
/// The official Python client (Debian's python3-kubernetes, which .ci/run installs) runs list, watch (from a
/// resource version, with bookmarks, <c>watch=True</c>), get, create, merge and JSON patch, status, events,
/// paging and cascading deletion against the server: a real client nobody here wrote.
/// </summary>
public sealed partial class PythonClientConformanceTests : ServerFixture
{
    /// <summary>Debian's interpreter: the one with Debian's python3-kubernetes (a pyenv python3 on PATH lacks it).</summary>
    private const string Python = "/usr/bin/python3";

    protected override KubeApiServerOptions Options => new() { Port = 0, BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    private static string Script => Path.Combine(RepositoryRoot.Path, "tests", "FutReindexOperator.Testing.KubeApiServer.Tests", "Conformance", "python_client_conformance.py");

    [Test, CancelAfter(180_000)]
    public async Task The_official_Python_client_passes_every_conformance_check(CancellationToken ct)
    {
        File.Exists(Python).Should().BeTrue($"{Python} is needed (apt-get install python3-kubernetes; .ci/run installs it)");
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"kubeconfig-py-{Guid.NewGuid():N}");
        Server.WriteKubeconfig(kubeconfig);
        Server.Controls.CompactHistory();
        var expected = CheckDecorator().Count(await File.ReadAllTextAsync(Script, ct));

        var (exitCode, output) = await RunAsync(ct, Script, kubeconfig);
        File.Delete(kubeconfig);

        exitCode.Should().Be(0, output);
        output.Split('\n').Count(line => line.StartsWith("ok ", StringComparison.Ordinal)).Should().Be(expected, output);
        expected.Should().BeGreaterThanOrEqualTo(15);
        Server.Controls.Requests.Recent.Should().Contain(r => r.Query.Contains("watch=True", StringComparison.Ordinal) && r.Verb == "watch", "the client asks for watches with watch=True");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken ct, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^@check$", RegexOptions.Multiline)]
    private static partial Regex CheckDecorator();
}
