using System.Diagnostics;
using System.Globalization;
using YamlDotNet.Serialization;

namespace FutReindexOperator.Testing.World;

/// <summary>
/// The repository's Argo CD health check (config/argocd/health.lua), run under <c>lua5.1</c> by its own
/// run_tests.lua on one object, and the writer of the object into config/argocd/testdata when asked to.
/// </summary>
public static class ArgoCdHealthCheck
{
    /// <summary>Set to <c>1</c> to replace config/argocd/testdata/&lt;phase&gt;.yaml with the captured objects.</summary>
    public const string UpdateVariable = "UPDATE_ARGOCD_TESTDATA";

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The config/argocd folder of the checkout these tests were built from.</summary>
    public static string Folder { get; } = RepositoryFiles.Combine("config/argocd");

    /// <summary>
    /// Runs health.lua on <paramref name="objectYaml"/> and returns run_tests.lua's output and exit code, with
    /// <paramref name="expectedStatus"/> and <paramref name="expectedMessage"/> as the case's expectation.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string objectYaml, string expectedStatus, string expectedMessage, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("argocd-health-").FullName;
        try
        {
            File.Copy(Path.Combine(Folder, "health.lua"), Path.Combine(directory, "health.lua"));
            File.Copy(Path.Combine(Folder, "run_tests.lua"), Path.Combine(directory, "run_tests.lua"));
            Directory.CreateDirectory(Path.Combine(directory, "testdata"));
            await File.WriteAllTextAsync(Path.Combine(directory, "testdata", "object.yaml"), objectYaml, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "health_test.yaml"), TestSuite(expectedStatus, expectedMessage), cancellationToken);

            var startInfo = new ProcessStartInfo("lua5.1")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            startInfo.ArgumentList.Add("run_tests.lua");
            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="objectYaml"/> as config/argocd/testdata/&lt;phase&gt;.yaml, as captured.</summary>
    public static Task WriteTestDataAsync(string phase, string objectYaml, CancellationToken cancellationToken)
        => File.WriteAllTextAsync(
            Path.Combine(Folder, "testdata", $"{phase.ToLower(CultureInfo.InvariantCulture)}.yaml"), objectYaml, cancellationToken);

    /// <summary>
    /// The health that config/argocd/health_test.yaml expects for config/argocd/&lt;<paramref name="inputPath"/>&gt;, or
    /// null when no case reads that file.
    /// </summary>
    public static (string Status, string Message)? ExpectedHealth(string inputPath)
    {
        var suite = new DeserializerBuilder().Build().Deserialize<Dictionary<string, List<Dictionary<string, object>>>>(
            File.ReadAllText(Path.Combine(Folder, "health_test.yaml")));
        var testCase = suite["tests"].FirstOrDefault(item => (string)item["inputPath"] == inputPath);
        if (testCase is null)
        {
            return null;
        }

        var health = (Dictionary<object, object>)testCase["healthStatus"];
        return ((string)health["status"], (string)health["message"]);
    }

    // A JSON string is a YAML double-quoted scalar, so the message needs no YAML escaping of its own.
    private static string TestSuite(string status, string message)
        => $"tests:\n- healthStatus:\n    status: {status}\n    message: {System.Text.Json.JsonSerializer.Serialize(message)}\n  inputPath: testdata/object.yaml\n";
}
