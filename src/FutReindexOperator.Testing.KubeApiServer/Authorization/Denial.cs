namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>One request answered 403 Forbidden.</summary>
/// <param name="Time">When it was refused.</param>
/// <param name="User">The user name it was made as (after impersonation).</param>
/// <param name="Verb">The Kubernetes verb, for example <c>patch</c> (or <c>impersonate</c>).</param>
/// <param name="Resource">The resource with its subresource and group, for example <c>reindexjobs.fhir.fut.dk/status</c> (as the request log names it); the path for non-resource requests.</param>
/// <param name="Namespace">Empty at the cluster scope.</param>
/// <param name="Name">Empty for collections.</param>
/// <param name="Message">The message of the 403 Status.</param>
public sealed record Denial(DateTimeOffset Time, string User, string Verb, string Resource, string Namespace, string Name, string Message);
