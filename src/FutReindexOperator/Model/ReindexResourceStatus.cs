using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s.Models;

namespace FutReindexOperator.Model;

/// <summary>
/// The status members every fhir.fut.dk resource has, with one meaning whatever the kind: what kstatus, Argo CD and
/// <c>kubectl wait</c> read (observedGeneration, conditions), the message people read, and when the current run ended.
/// Written only by the operator; every member is serialized, null included.
/// </summary>
public abstract record ReindexResourceStatus
{
    /// <summary>The longest message kept in status (an event note is at most 1 kB, too).</summary>
    public const int MaxMessageLength = 1024;

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [MaxLength(MaxMessageLength)]
    [Description("The latest human-readable explanation of the phase.")]
    public string? Message { get; init; }

    [JsonPropertyName("observedGeneration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("The metadata.generation the operator last acted on.")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("completionTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [Description("When the run ended, whatever the outcome: kubectl wait --for=jsonpath='{.status.completionTime}' waits for success and failure alike.")]
    public DateTimeOffset? CompletionTime { get; init; }

    [JsonPropertyName("conditions")]
    [MaxLength(16)]
    [Description("Ready, Reconciling and Stalled as kstatus reads them; Complete and Failed as a batch Job has them (terminal and mutually exclusive).")]
    public IReadOnlyList<V1Condition> Conditions { get; init; } = [];
}
