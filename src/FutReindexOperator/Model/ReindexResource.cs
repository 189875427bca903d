using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Model;

/// <summary>
/// What every fhir.fut.dk custom resource is made of: the Kubernetes object around its spec and status, and the
/// <see cref="ReindexJob.RerunAnnotation"/> by which a user asks for another run.
/// </summary>
/// <remarks>
/// Read and written through KubernetesJson, which writes every enum of the model as its member name (or its
/// <c>JsonStringEnumMemberName</c>), the names the CRD lists; so the enums carry no converter of their own.
/// </remarks>
/// <typeparam name="TSpec">The spec type; a new resource starts with its defaults.</typeparam>
/// <typeparam name="TStatus">The status type, absent until the operator first writes it.</typeparam>
public abstract class ReindexResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    private protected ReindexResource(string kind) => Kind = kind;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{ReindexJob.ApiGroup}/{ReindexJob.ApiVersionName}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }

    /// <summary>The rerun token from <see cref="ReindexJob.RerunAnnotation"/>, or null when the annotation is absent or empty.</summary>
    [JsonIgnore]
    public string? RerunToken
        => Metadata.Annotations is { } annotations && annotations.TryGetValue(ReindexJob.RerunAnnotation, out var token) && !string.IsNullOrWhiteSpace(token)
            ? token
            : null;
}
