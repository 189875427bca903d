namespace FutReindexOperator.Hosting;

/// <summary>How the operator reaches the Kubernetes API (configuration section <see cref="SectionName"/>).</summary>
public sealed class KubernetesConnectionOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>
    /// The kubeconfig file to use (also <c>--kubeconfig &lt;path&gt;</c>). When unset: the <c>KUBECONFIG</c> environment
    /// variable (its first path), else the in-cluster service account when <c>KUBERNETES_SERVICE_HOST</c> is set, else
    /// <c>~/.kube/config</c>.
    /// </summary>
    /// <value>Default unset.</value>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use.</summary>
    /// <value>Default unset: the kubeconfig's current context.</value>
    public string? Context { get; set; }
}
