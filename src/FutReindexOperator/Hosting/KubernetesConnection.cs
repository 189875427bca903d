using k8s;

namespace FutReindexOperator.Hosting;

/// <summary>Chooses the Kubernetes client configuration in the order of the host contract.</summary>
public static class KubernetesConnection
{
    /// <summary>Command-line switches that map to configuration keys (<c>--kubeconfig &lt;path&gt;</c>).</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--kubeconfig"] = $"{KubernetesConnectionOptions.SectionName}:{nameof(KubernetesConnectionOptions.Kubeconfig)}",
    };

    /// <summary>The client configuration and a short description of where it came from (for the log; no secrets).</summary>
    public static (KubernetesClientConfiguration Configuration, string Source) Build(KubernetesConnectionOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return (FromFile(options.Kubeconfig, options.Context), $"kubeconfig {options.Kubeconfig}");
        }

        if (environment("KUBECONFIG") is { Length: > 0 } variable)
        {
            var first = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            return (FromFile(first, options.Context), $"kubeconfig {first} (KUBECONFIG)");
        }

        if (!string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")))
        {
            return (KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account");
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return (FromFile(home, options.Context), $"kubeconfig {home}");
    }

    private static KubernetesClientConfiguration FromFile(string path, string? context)
        => KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Read(path), string.IsNullOrWhiteSpace(context) ? null : context);
}
