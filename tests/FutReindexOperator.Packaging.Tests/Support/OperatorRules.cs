namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>The least privilege the operator needs in a watched namespace, as the issue states it.</summary>
internal static class OperatorRules
{
    public static IReadOnlyList<RbacRule> Expected { get; } =
    [
        new("fhir.fut.dk", "reindexjobs", "get", ""),
        new("fhir.fut.dk", "reindexjobs", "list", ""),
        new("fhir.fut.dk", "reindexjobs", "watch", ""),
        new("fhir.fut.dk", "reindexjobs", "create", ""),
        new("fhir.fut.dk", "reindexjobs", "patch", ""),
        new("fhir.fut.dk", "reindexjobs/status", "patch", ""),
        new("fhir.fut.dk", "reindexplans", "get", ""),
        new("fhir.fut.dk", "reindexplans", "list", ""),
        new("fhir.fut.dk", "reindexplans", "watch", ""),
        new("fhir.fut.dk", "reindexplans/status", "patch", ""),
        new("fhir.fut.dk", "reindexplans/finalizers", "update", ""),
        new("events.k8s.io", "events", "create", ""),
        new("events.k8s.io", "events", "patch", ""),
        new("", "services", "get", ""),
        new("", "services", "list", ""),
        new("", "secrets", "get", ""),
    ];
}
