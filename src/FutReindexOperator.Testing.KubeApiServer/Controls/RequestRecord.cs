namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>One handled request.</summary>
/// <param name="Time"></param>
/// <param name="Method"></param>
/// <param name="Path"></param>
/// <param name="Query"></param>
/// <param name="Verb">The Kubernetes verb, or the lower-case HTTP method for non-resource paths.</param>
/// <param name="Resource">For example <c>reindexjobs.fut.example.com</c> or <c>reindexjobs.fut.example.com/status</c>; the path for non-resource requests.</param>
/// <param name="StatusCode"></param>
public sealed record RequestRecord(DateTimeOffset Time, string Method, string Path, string Query, string Verb, string Resource, int StatusCode);
