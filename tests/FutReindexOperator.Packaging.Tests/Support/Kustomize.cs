using System.Text.Json.Nodes;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>Renders a kustomization of the repository with the real kubectl.</summary>
internal static class Kustomize
{
    /// <summary>
    /// The objects <c>kubectl kustomize</c> renders from <paramref name="folder"/> (relative to the repository root).
    /// The test is skipped when kubectl is not installed (CI installs it and fails on skipped tests).
    /// </summary>
    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!ExternalCommand.IsInstalled("kubectl"))
        {
            Assert.Ignore("kubectl is not installed");
        }

        var result = await ExternalCommand.RunAsync("kubectl", ["kustomize", folder], RepositoryRoot.Path, cancellationToken);
        result.ExitCode.Should().Be(0, $"kubectl kustomize {folder} must render ({result})");
        return YamlDocuments.ParseAll(result.StandardOutput);
    }
}
