namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>The built-in resources this server serves, with the columns kubectl shows for them.</summary>
public static class BuiltInResources
{
    private static readonly PrinterColumn Age = new("Age", "date", ".metadata.creationTimestamp");

    public static ResourceDefinition Namespaces { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "namespaces",
        Singular = "namespace",
        Kind = "Namespace",
        Namespaced = false,
        ShortNames = ["ns"],
        Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        HasStatusSubresource = true,
        ReturnsDeletedObject = true,
        StorageKey = "namespaces",
        PrinterColumns = [new("Status", "string", ".status.phase"), Age],
    };

    public static ResourceDefinition Secrets { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "secrets",
        Singular = "secret",
        Kind = "Secret",
        Namespaced = true,
        StorageKey = "secrets",
        PrinterColumns = [new("Type", "string", ".type"), new("Data", "integer", ".data", CountsEntries: true), Age],
    };

    public static ResourceDefinition ConfigMaps { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "configmaps",
        Singular = "configmap",
        Kind = "ConfigMap",
        Namespaced = true,
        ShortNames = ["cm"],
        StorageKey = "configmaps",
        PrinterColumns = [new("Data", "integer", ".data", CountsEntries: true), Age],
    };

    public static ResourceDefinition Services { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "services",
        Singular = "service",
        Kind = "Service",
        Namespaced = true,
        ShortNames = ["svc"],
        Categories = ["all"],
        Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
        HasStatusSubresource = true,
        ReturnsDeletedObject = true,
        StorageKey = "services",
        PrinterColumns = [new("Type", "string", ".spec.type"), new("Cluster-IP", "string", ".spec.clusterIP"), Age],
    };

    public static ResourceDefinition CoreEvents { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "events",
        Singular = "event",
        Kind = "Event",
        Namespaced = true,
        ShortNames = ["ev"],
        StorageKey = "events",
        PrinterColumns =
        [
            new("Last Seen", "date", ".lastTimestamp", FallbackJsonPath: ".eventTime"),
            new("Type", "string", ".type"),
            new("Reason", "string", ".reason"),
            new("Object", "string", ".involvedObject.name"),
            new("Message", "string", ".message"),
        ],
    };

    public static ResourceDefinition Events { get; } = CoreEvents with
    {
        Group = "events.k8s.io",
        View = ObjectView.EventsV1,
        PrinterColumns = [new("Reason", "string", ".reason"), new("Note", "string", ".note"), Age],
    };

    public static ResourceDefinition Leases { get; } = new()
    {
        Group = "coordination.k8s.io",
        Version = "v1",
        Plural = "leases",
        Singular = "lease",
        Kind = "Lease",
        Namespaced = true,
        StorageKey = "leases.coordination.k8s.io",
        PrinterColumns = [new("Holder", "string", ".spec.holderIdentity"), Age],
    };

    public static ResourceDefinition CustomResourceDefinitions { get; } = new()
    {
        Group = "apiextensions.k8s.io",
        Version = "v1",
        Plural = "customresourcedefinitions",
        Singular = "customresourcedefinition",
        Kind = "CustomResourceDefinition",
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        Categories = ["api-extensions"],
        HasStatusSubresource = true,
        TracksGeneration = true,
        ReturnsDeletedObject = true,
        StorageKey = "customresourcedefinitions.apiextensions.k8s.io",
        PrinterColumns = [new("Created At", "string", ".metadata.creationTimestamp")],
    };

    public static IReadOnlyList<ResourceDefinition> All { get; } =
        [Namespaces, ConfigMaps, CoreEvents, Secrets, Services, Events, Leases, CustomResourceDefinitions];
}
