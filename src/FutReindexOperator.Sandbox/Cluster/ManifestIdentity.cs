using System.Text.Json.Nodes;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>The kind, name and namespace of a manifest.</summary>
public sealed record ManifestIdentity(string Kind, string Name, string? Namespace)
{
    public static ManifestIdentity Of(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new(
            manifest["kind"]?.GetValue<string>() ?? throw new InvalidDataException("a manifest has no kind"),
            manifest["metadata"]?["name"]?.GetValue<string>() ?? throw new InvalidDataException("a manifest has no metadata.name"),
            manifest["metadata"]?["namespace"]?.GetValue<string>());
    }

    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
