namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>One handled request, recorded when its response ends (a watch when its stream closes).</summary>
/// <param name="Time">When the request arrived.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The URL path.</param>
/// <param name="Query">The query string, with its leading <c>?</c>.</param>
/// <param name="Verb">The Kubernetes verb, or the lower-case HTTP method for non-resource paths.</param>
/// <param name="Resource">For example <c>reindexjobs.fut.example.com</c> or <c>reindexjobs.fut.example.com/status</c>; the path for non-resource requests.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="Protocol">For example <c>HTTP/1.1</c>.</param>
public sealed record RequestRecord(DateTimeOffset Time, string Method, string Path, string Query, string Verb, string Resource, int StatusCode, string Protocol);
