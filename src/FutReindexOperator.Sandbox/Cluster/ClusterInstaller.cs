using System.Net;
using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>Creates what the sandbox needs through the Kubernetes API, as <c>kubectl create</c> would.</summary>
public sealed class ClusterInstaller(IKubernetes client)
{
    /// <summary>Creates the namespace unless it exists.</summary>
    public async Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already there.
        }
    }

    /// <summary>
    /// A ClusterIP Service named <paramref name="name"/> with one port named <c>http</c>, labelled
    /// <c>app.kubernetes.io/name</c> and <paramref name="labels"/>.
    /// </summary>
    public Task CreateServiceAsync(
        string namespaceName, string name, int port, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = namespaceName,
                    Labels = new Dictionary<string, string>(labels) { ["app.kubernetes.io/name"] = name },
                },
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",
                    Selector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name },
                    Ports = [new V1ServicePort { Name = "http", Port = port, TargetPort = port, Protocol = "TCP" }],
                },
            },
            namespaceName,
            cancellationToken: cancellationToken);

    /// <summary>Creates a Namespace (unless it exists), CustomResourceDefinition, Secret, ReindexJob or ReindexPlan manifest.</summary>
    public async Task CreateAsync(JsonObject manifest, CancellationToken cancellationToken)
    {
        var identity = ManifestIdentity.Of(manifest);
        var json = manifest.ToJsonString();
        switch (identity.Kind)
        {
            case "Namespace":
                await EnsureNamespaceAsync(identity.Name, cancellationToken);
                break;
            case "CustomResourceDefinition":
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(json), cancellationToken: cancellationToken);
                break;
            case "Secret":
                await client.CoreV1.CreateNamespacedSecretAsync(KubernetesJson.Deserialize<V1Secret>(json), NamespaceOf(identity), cancellationToken: cancellationToken);
                break;
            case ReindexJob.KindName:
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                    manifest, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, NamespaceOf(identity), ReindexJob.Plural, cancellationToken: cancellationToken);
                break;
            case ReindexPlan.KindName:
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                    manifest, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, NamespaceOf(identity), ReindexPlan.Plural, cancellationToken: cancellationToken);
                break;
            default:
                throw new InvalidDataException($"{identity}: the sandbox installs only Namespaces, CustomResourceDefinitions, Secrets, ReindexJobs and ReindexPlans");
        }
    }

    /// <summary>The ReindexJobs of <paramref name="namespaceName"/>.</summary>
    public async Task<IReadOnlyList<ReindexJob>> ListJobsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, namespaceName, ReindexJob.Plural, cancellationToken: cancellationToken);
        return [.. KubernetesJson.Deserialize<ReindexJobList>(KubernetesJson.Serialize(list)).Items ?? []];
    }

    /// <summary>The ReindexPlans of <paramref name="namespaceName"/>.</summary>
    public async Task<IReadOnlyList<ReindexPlan>> ListPlansAsync(string namespaceName, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, namespaceName, ReindexPlan.Plural, cancellationToken: cancellationToken);
        var items = JsonNode.Parse(KubernetesJson.Serialize(list))?["items"]?.AsArray() ?? [];
        return [.. items.Select(item => KubernetesJson.Deserialize<ReindexPlan>(item!.ToJsonString()))];
    }

    private static string NamespaceOf(ManifestIdentity identity) =>
        identity.Namespace ?? throw new InvalidDataException($"{identity}: metadata.namespace is required");
}
