using FutReindexOperator.Testing.KubeApiServer.Tables;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>
/// The built-in resources this server serves, with the columns kubectl shows for them. They are stored, listed and
/// watched; no controller acts on them (a Deployment starts no pods, a PodDisruptionBudget computes no status).
/// </summary>
public static class BuiltInResources
{
    private static readonly PrinterColumn Age = new("Age", "date", ".metadata.creationTimestamp");
    private static readonly PrinterColumn CreatedAt = new("Created At", "string", ".metadata.creationTimestamp");

    private static readonly IReadOnlyList<PrinterColumn> BindingColumns =
    [
        new("Role", "string", ".roleRef", Compute: BuiltInCells.RoleReference),
        Age,
        new("Users", "string", ".subjects", Priority: 1, Compute: BuiltInCells.Subjects("User")),
        new("Groups", "string", ".subjects", Priority: 1, Compute: BuiltInCells.Subjects("Group")),
        new("ServiceAccounts", "string", ".subjects", Priority: 1, Compute: BuiltInCells.Subjects("ServiceAccount")),
    ];

    public static ResourceDefinition Namespaces { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "namespaces",
        Singular = "namespace",
        Kind = "Namespace",
        Model = typeof(V1Namespace),
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
        Model = typeof(V1Secret),
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
        Model = typeof(V1ConfigMap),
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
        Model = typeof(V1Service),
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
        Model = typeof(Corev1Event),
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
        Model = typeof(V1Lease),
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
        Model = typeof(V1CustomResourceDefinition),
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        Categories = ["api-extensions"],
        HasStatusSubresource = true,
        TracksGeneration = true,
        ReturnsDeletedObject = true,
        StorageKey = "customresourcedefinitions.apiextensions.k8s.io",
        PrinterColumns = [new("Created At", "string", ".metadata.creationTimestamp")],
    };

    public static ResourceDefinition ServiceAccounts { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "serviceaccounts",
        Singular = "serviceaccount",
        Kind = "ServiceAccount",
        Model = typeof(V1ServiceAccount),
        Namespaced = true,
        ShortNames = ["sa"],
        StorageKey = "serviceaccounts",
        PrinterColumns = [new("Secrets", "integer", ".secrets", CountsEntries: true), Age],
    };

    public static ResourceDefinition Deployments { get; } = new()
    {
        Group = "apps",
        Version = "v1",
        Plural = "deployments",
        Singular = "deployment",
        Kind = "Deployment",
        Model = typeof(V1Deployment),
        Namespaced = true,
        ShortNames = ["deploy"],
        Categories = ["all"],
        HasStatusSubresource = true,
        TracksGeneration = true,
        StorageKey = "deployments.apps",
        PrinterColumns =
        [
            new("Ready", "string", ".status.readyReplicas", Compute: BuiltInCells.DeploymentReady),
            new("Up-to-date", "integer", ".status.updatedReplicas", Compute: BuiltInCells.StatusCount("updatedReplicas")),
            new("Available", "integer", ".status.availableReplicas", Compute: BuiltInCells.StatusCount("availableReplicas")),
            Age,
            new("Containers", "string", ".spec.template.spec.containers", Priority: 1, Compute: BuiltInCells.Containers("name")),
            new("Images", "string", ".spec.template.spec.containers", Priority: 1, Compute: BuiltInCells.Containers("image")),
            new("Selector", "string", ".spec.selector", Priority: 1, Compute: BuiltInCells.Selector),
        ],
    };

    public static ResourceDefinition PodDisruptionBudgets { get; } = new()
    {
        Group = "policy",
        Version = "v1",
        Plural = "poddisruptionbudgets",
        Singular = "poddisruptionbudget",
        Kind = "PodDisruptionBudget",
        Model = typeof(V1PodDisruptionBudget),
        Namespaced = true,
        ShortNames = ["pdb"],
        HasStatusSubresource = true,
        TracksGeneration = true,
        StorageKey = "poddisruptionbudgets.policy",
        PrinterColumns =
        [
            new("Min Available", "string", ".spec.minAvailable", Compute: BuiltInCells.SpecValueOrNotApplicable("minAvailable")),
            new("Max Unavailable", "string", ".spec.maxUnavailable", Compute: BuiltInCells.SpecValueOrNotApplicable("maxUnavailable")),
            new("Allowed Disruptions", "integer", ".status.disruptionsAllowed", Compute: BuiltInCells.StatusCount("disruptionsAllowed")),
            Age,
        ],
    };

    public static ResourceDefinition Roles { get; } = new()
    {
        Group = "rbac.authorization.k8s.io",
        Version = "v1",
        Plural = "roles",
        Singular = "role",
        Kind = "Role",
        Model = typeof(V1Role),
        Namespaced = true,
        StorageKey = "roles.rbac.authorization.k8s.io",
        PrinterColumns = [CreatedAt],
    };

    public static ResourceDefinition ClusterRoles { get; } = Roles with
    {
        Plural = "clusterroles",
        Singular = "clusterrole",
        Kind = "ClusterRole",
        Model = typeof(V1ClusterRole),
        Namespaced = false,
        StorageKey = "clusterroles.rbac.authorization.k8s.io",
    };

    public static ResourceDefinition RoleBindings { get; } = Roles with
    {
        Plural = "rolebindings",
        Singular = "rolebinding",
        Kind = "RoleBinding",
        Model = typeof(V1RoleBinding),
        StorageKey = "rolebindings.rbac.authorization.k8s.io",
        PrinterColumns = BindingColumns,
    };

    public static ResourceDefinition ClusterRoleBindings { get; } = Roles with
    {
        Plural = "clusterrolebindings",
        Singular = "clusterrolebinding",
        Kind = "ClusterRoleBinding",
        Model = typeof(V1ClusterRoleBinding),
        Namespaced = false,
        StorageKey = "clusterrolebindings.rbac.authorization.k8s.io",
        PrinterColumns = BindingColumns,
    };

    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Namespaces, ConfigMaps, CoreEvents, Secrets, ServiceAccounts, Services, Events, Leases, CustomResourceDefinitions,
        Deployments, PodDisruptionBudgets, Roles, ClusterRoles, RoleBindings, ClusterRoleBindings,
        .. Authorization.ReviewResources.All,
    ];
}
