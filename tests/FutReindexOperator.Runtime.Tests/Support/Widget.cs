using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>The small custom resource the runtime's tests reconcile.</summary>
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "test.example.org";
    public const string Version = "v1";
    public const string Plural = "widgets";
    public const string KindName = "Widget";

    public static readonly ResourceType Type = new(Group, Version, Plural, KindName, Namespaced: true);

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public WidgetStatus? Status { get; set; }

    public static Widget Create(string @namespace, string name, string resourceVersion = "1", long generation = 1) => new()
    {
        Metadata = new V1ObjectMeta
        {
            NamespaceProperty = @namespace,
            Name = name,
            ResourceVersion = resourceVersion,
            Generation = generation,
            Uid = $"uid-{@namespace}-{name}",
        },
        Spec = new WidgetSpec { Size = 1 },
    };
}

public sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}

public sealed class WidgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }
}
