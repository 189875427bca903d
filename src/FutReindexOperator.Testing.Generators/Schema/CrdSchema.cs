using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Testing.Generators.Schema;

/// <summary>The <c>openAPIV3Schema</c> of a CRD manifest, read from its YAML file at run time, as JSON.</summary>
public sealed class CrdSchema
{
    /// <summary>The ReindexJob CRD, relative to the repository root.</summary>
    public const string ReindexJobCrdPath = "config/crd/fhir.fut.dk_reindexjobs.yaml";

    private CrdSchema(JsonObject root) => Root = root;

    /// <summary>The whole object's schema.</summary>
    public JsonObject Root { get; }

    public JsonObject Spec => (JsonObject)Root["properties"]!["spec"]!;

    public JsonObject Status => (JsonObject)Root["properties"]!["status"]!;

    /// <summary>Reads the schema of the first version of the CRD in <paramref name="path"/>.</summary>
    public static CrdSchema Load(string path)
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(path));
        var schema = crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
        return new CrdSchema((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(schema))!);
    }

    /// <summary>The ReindexJob CRD of the repository that holds <paramref name="start"/> (a folder at or below its root).</summary>
    public static CrdSchema ReindexJob(string? start = null) => Load(Path.Combine(RepositoryRoot(start ?? AppContext.BaseDirectory), ReindexJobCrdPath));

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds the CRD (the current directory as a fallback).</summary>
    public static string RepositoryRoot(string start)
    {
        foreach (var candidate in new[] { start, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(candidate); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, ReindexJobCrdPath)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new FileNotFoundException($"{ReindexJobCrdPath} was not found above {start} or the current directory.");
    }
}
