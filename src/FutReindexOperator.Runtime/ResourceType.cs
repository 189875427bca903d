namespace FutReindexOperator.Runtime;

/// <summary>A custom resource kind the runtime can watch and write: its API group, version, plural and kind.</summary>
/// <param name="Group">The API group, for example <c>fhir.example.org</c>.</param>
/// <param name="Version">The served version, for example <c>v1</c>.</param>
/// <param name="Plural">The plural resource name used in URLs, for example <c>reindexjobs</c>.</param>
/// <param name="Kind">The kind, for example <c>ReindexJob</c>.</param>
/// <param name="Namespaced">Whether objects live in namespaces (true) or at cluster scope (false).</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary><c>group/version</c>, as written in an object's <c>apiVersion</c>.</summary>
    public string ApiVersion => string.IsNullOrEmpty(Group) ? Version : $"{Group}/{Version}";
}
