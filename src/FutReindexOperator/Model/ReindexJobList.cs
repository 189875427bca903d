using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Model;

/// <summary>The list kind the API server returns for ReindexJobs (for list calls and informers).</summary>
[KubernetesEntity(Group = ReindexJob.ApiGroup, ApiVersion = ReindexJob.ApiVersionName, Kind = ReindexJob.KindName + "List", PluralName = ReindexJob.Plural)]
public sealed class ReindexJobList : IKubernetesObject<V1ListMeta>, IItems<ReindexJob>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{ReindexJob.ApiGroup}/{ReindexJob.ApiVersionName}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ReindexJob.KindName + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<ReindexJob> Items { get; set; } = [];
}
