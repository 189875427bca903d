using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("Written before each $reindex request, with an optimistic lock, so that a restarted operator knows a request may have been sent. Kept until the run ends or a rerun starts a new one.")]
public sealed record SubmissionMarker
{
    // Absent in a status written by hand: read as 1, so that the operator writes it back within the schema's minimum.
    [JsonPropertyName("attempt")]
    [Range(1, int.MaxValue)]
    [Description("The number of this submission attempt within the current run, from 1.")]
    public int Attempt { get; init; } = 1;

    [JsonPropertyName("startedAt")]
    [Description("When this attempt began.")]
    public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("state")]
    [Description("Sending: written just before the request, so the request may have reached the server. NotSent: it certainly did not. Accepted: the server named a job id.")]
    public SubmissionState State { get; init; }

    [JsonPropertyName("duplicatePossible")]
    [Description("True when an earlier attempt may have reached the server, so the server may run this reindex twice.")]
    public bool DuplicatePossible { get; init; }
}
