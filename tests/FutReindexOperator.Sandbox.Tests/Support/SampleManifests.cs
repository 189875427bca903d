using System.Text.Json.Nodes;
using FutReindexOperator.Sandbox.Cluster;

namespace FutReindexOperator.Sandbox.Tests.Support;

/// <summary>The samples and the CRD as the sandbox reads them from its output directory.</summary>
public static class SampleManifests
{
    public static IReadOnlyList<JsonObject> Samples => ManifestReader.ReadKustomization(Path.Combine(AppContext.BaseDirectory, "config", "samples"));

    public static IReadOnlyList<JsonObject> Crds => ManifestReader.ReadKustomization(Path.Combine(AppContext.BaseDirectory, "config", "crd"));

    public static IReadOnlyList<JsonObject> OfKind(string kind) => [.. Samples.Where(manifest => ManifestIdentity.Of(manifest).Kind == kind)];
}
