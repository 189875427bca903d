using k8s;
using k8s.Models;

namespace FutReindexOperator.Testing.OperatorHost;

/// <summary>
/// Installs the operator's identity from the repository's manifests, as <c>kubectl apply -k config/default</c> (or
/// config/namespaced) would: its Namespace and ServiceAccount (config/manager) and the RBAC of the chosen install
/// (config/rbac). A project that uses it copies those manifests to its output under <c>config/</c>, so what runs is
/// what ships.
/// </summary>
public static class RbacInstall
{
    public const string OperatorNamespace = "fut-reindex-operator";
    public const string ServiceAccount = "fut-reindex-operator";

    /// <summary>The Lease the Deployment names (config/manager), the one the leader-election Role grants.</summary>
    public const string LeaseName = "fut-reindex-operator-leader";

    /// <summary>The namespace the namespaced Role and RoleBinding are written for.</summary>
    private const string ManifestJobNamespace = "fhir";

    /// <summary>The operator's user name at the API server.</summary>
    public static string OperatorUser => $"system:serviceaccount:{OperatorNamespace}:{ServiceAccount}";

    /// <summary>The manifests copied next to the running assembly.</summary>
    private static string ConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    /// <summary>
    /// The operator's settings for the Lease its leader-election Role grants, and for a namespaced install the one
    /// namespace it watches.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OperatorSettings(OperatorRbac rbac, string jobNamespace)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OperatorRuntime__LeaderElection__LeaseName"] = LeaseName,
            ["OperatorRuntime__LeaderElection__LeaseNamespace"] = OperatorNamespace,
        };
        if (rbac == OperatorRbac.Namespaced)
        {
            settings["OperatorRuntime__Namespaces__0"] = jobNamespace;
        }

        return settings;
    }

    /// <summary>The RBAC objects of <paramref name="rbac"/>, for a namespaced install moved to <paramref name="jobNamespace"/>.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects(OperatorRbac rbac, string jobNamespace)
    {
        var files = rbac == OperatorRbac.ClusterWide
            ? new[] { "rbac/leader-election/role.yaml", "rbac/leader-election/role_binding.yaml", "rbac/cluster/role.yaml", "rbac/cluster/role_binding.yaml" }
            : ["rbac/leader-election/role.yaml", "rbac/leader-election/role_binding.yaml", "rbac/namespaced/role.yaml", "rbac/namespaced/role_binding.yaml"];
        return [.. files.SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(ConfigDirectory, file))))
            .Cast<IKubernetesObject<V1ObjectMeta>>()
            .Select(item =>
            {
                if (item.Metadata.NamespaceProperty == ManifestJobNamespace)
                {
                    item.Metadata.NamespaceProperty = jobNamespace;
                }

                return item;
            })];
    }

    /// <summary>Creates the operator's Namespace and ServiceAccount and the RBAC objects, as <paramref name="admin"/>.</summary>
    public static async Task ApplyAsync(IKubernetes admin, OperatorRbac rbac, string jobNamespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var manager = Path.Combine(ConfigDirectory, "manager");
        var identity = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(manager, "namespace.yaml")))
            .Concat(KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(manager, "service_account.yaml"))));
        foreach (var item in identity.Concat(Objects(rbac, jobNamespace)))
        {
            await CreateAsync(admin, item, cancellationToken);
        }
    }

    public static Task CreateAsync(IKubernetes admin, object item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return item switch
        {
            V1Namespace ns => admin.CoreV1.CreateNamespaceAsync(ns, cancellationToken: cancellationToken),
            V1ServiceAccount account => admin.CoreV1.CreateNamespacedServiceAccountAsync(account, account.Metadata.NamespaceProperty, cancellationToken: cancellationToken),
            V1ClusterRole role => admin.RbacAuthorizationV1.CreateClusterRoleAsync(role, cancellationToken: cancellationToken),
            V1ClusterRoleBinding binding => admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding, cancellationToken: cancellationToken),
            V1Role role => admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(role, role.Metadata.NamespaceProperty, cancellationToken: cancellationToken),
            V1RoleBinding binding => admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(binding, binding.Metadata.NamespaceProperty, cancellationToken: cancellationToken),
            _ => throw new InvalidOperationException($"The operator's install has no {item.GetType().Name} objects."),
        };
    }
}
