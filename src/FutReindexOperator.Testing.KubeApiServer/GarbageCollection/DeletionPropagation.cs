using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.GarbageCollection;

/// <summary>
/// A delete's <c>propagationPolicy</c> (or the deprecated <c>orphanDependents</c>), read from its DeleteOptions
/// as kube-apiserver reads them: Background (the default for every kind here), Foreground or Orphan.
/// </summary>
public static class DeletionPropagation
{
    public const string Background = "Background";
    public const string Foreground = "Foreground";
    public const string Orphan = "Orphan";

    /// <summary>The finalizer that holds an owner deleted in the foreground until its blocking dependents are gone.</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>The finalizer that holds an orphaning owner until its dependents no longer reference it.</summary>
    public const string OrphanFinalizer = "orphan";

    /// <summary>The policy of <paramref name="deleteOptions"/>.</summary>
    /// <exception cref="ApiException">422 <c>DeleteOptions.meta.k8s.io "" is invalid</c> for an unknown policy or both fields set.</exception>
    public static string Read(JsonObject? deleteOptions)
    {
        var policyNode = deleteOptions?["propagationPolicy"];
        var policy = policyNode is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : null;
        var orphanNode = deleteOptions?["orphanDependents"];
        bool? orphanDependents = orphanNode?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        var causes = new List<StatusCause>();
        if (policy is not null and not (Background or Foreground or Orphan))
        {
            causes.Add(new("FieldValueNotSupported", "propagationPolicy", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
        }

        if (policy is not null && orphanDependents is not null)
        {
            causes.Add(new("FieldValueInvalid", "propagationPolicy", $"Invalid value: \"{policy}\": orphanDependents and deletionPropagation cannot be both set"));
        }

        QueryParameters.ThrowIfAny("DeleteOptions", causes);
        return policy ?? (orphanDependents == true ? Orphan : Background);
    }

    /// <summary>The finalizer a delete with <paramref name="policy"/> adds, or null for Background.</summary>
    public static string? Finalizer(string policy) => policy switch
    {
        Foreground => ForegroundFinalizer,
        Orphan => OrphanFinalizer,
        _ => null,
    };
}
