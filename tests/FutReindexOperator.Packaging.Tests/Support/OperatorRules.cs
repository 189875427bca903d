namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>The least privilege the operator needs in a watched namespace, as the issue states it.</summary>
internal static class OperatorRules
{
    public static IReadOnlyList<RbacRule> Expected { get; } =
    [
        new("fhir.fut.dk", "reindexjobs", "get", ""),
        new("fhir.fut.dk", "reindexjobs", "list", ""),
        new("fhir.fut.dk", "reindexjobs", "watch", ""),
        new("fhir.fut.dk", "reindexjobs/status", "patch", ""),
        new("events.k8s.io", "events", "create", ""),
        new("events.k8s.io", "events", "patch", ""),
        new("", "services", "get", ""),
        new("", "secrets", "get", ""),
    ];
}
