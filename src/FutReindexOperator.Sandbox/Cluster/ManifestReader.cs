using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Patching;
using YamlDotNet.RepresentationModel;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>Reads Kubernetes manifests: every document of a YAML stream as a JSON object, scalars typed as YAML 1.2 core types them.</summary>
public static class ManifestReader
{
    /// <summary>The non-empty documents of <paramref name="yaml"/>, in order.</summary>
    public static IReadOnlyList<JsonObject> ReadAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            using var single = new StringWriter();
            new YamlStream(document).Save(single, assignAnchors: false);
            if (YamlToJson.Convert(single.ToString()) is JsonObject manifest)
            {
                documents.Add(manifest);
            }
        }

        return documents;
    }

    /// <summary>The manifests a <c>kustomization.yaml</c> in <paramref name="directory"/> lists under <c>resources</c>, in its order.</summary>
    public static IReadOnlyList<JsonObject> ReadKustomization(string directory)
    {
        var kustomization = ReadAll(File.ReadAllText(Path.Combine(directory, "kustomization.yaml"))).Single();
        var resources = kustomization["resources"] as JsonArray
            ?? throw new InvalidDataException($"{Path.Combine(directory, "kustomization.yaml")} lists no resources");
        return [.. resources.SelectMany(resource => ReadAll(File.ReadAllText(Path.Combine(directory, resource!.GetValue<string>()))))];
    }
}
