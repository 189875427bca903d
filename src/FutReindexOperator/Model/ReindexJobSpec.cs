using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("What to reindex, on which FHIR server, with which credentials, and how to follow the job. Immutable once the job is submitted.")]
[CelRule("self == oldSelf", "spec is immutable once created; set the annotation fhir.fut.dk/rerun to run again, or create a new ReindexJob")]
public sealed class ReindexJobSpec
{
    /// <summary>The most URL filters one job may carry.</summary>
    public const int MaxUrls = 100;

    /// <summary>The longest URL filter accepted.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The most partition ids one job may carry.</summary>
    public const int MaxPartitionIds = 100;

    /// <summary>HAPI's URL syntax, <c>([A-Z][a-zA-Z0-9]+)\?.*</c>, without whitespace.</summary>
    public const string UrlPattern = "^[A-Z][a-zA-Z0-9]+\\?\\S*$";

    /// <summary>A partition id: an integer, or <c>_ALL</c> for every partition.</summary>
    public const string PartitionIdPattern = "^(_ALL|-?[0-9]{1,10})$";

    [Required]
    [JsonPropertyName("target")]
    [Description("The FHIR server: a Kubernetes Service the operator reads to build the FHIR base URL.")]
    public TargetSpec Target { get; set; } = new();

    [JsonPropertyName("urls")]
    [MaxLength(MaxUrls)]
    [Items(Pattern = UrlPattern, MaxLength = MaxUrlLength)]
    [Description("Resources to reindex, as HAPI search URLs of the form ResourceType?query, for example 'Organization?' or 'Patient?active=true'. The query is evaluated against the current index, so do not filter on a search parameter that needs reindexing. EMPTY OR ABSENT MEANS EVERY RESOURCE OF EVERY TYPE ON THE SERVER, which can take hours or days on a large server.")]
    public IList<string> Urls { get; set; } = [];

    [JsonPropertyName("batchSize")]
    [Range(1, 500)]
    [Description("The most resources HAPI reindexes per batch (1 to 500). Absent: the server's default, 500.")]
    public int? BatchSize { get; set; }

    [JsonPropertyName("reindexSearchParameters")]
    [Description("Whether HAPI rebuilds the search parameter indexes: All or None. Absent: the server's default, All.")]
    public ReindexSearchParametersMode? ReindexSearchParameters { get; set; }

    [JsonPropertyName("optimizeStorage")]
    [Description("Whether HAPI rewrites stored resource text: None, CurrentVersion or AllVersions. Absent: the server's default, None.")]
    public OptimizeStorageMode? OptimizeStorage { get; set; }

    [JsonPropertyName("optimisticLock")]
    [Description("Whether HAPI uses optimistic locking while reindexing. Absent: the server's default, true, or false when correctCurrentVersion is set. Must not be true with correctCurrentVersion All.")]
    public bool? OptimisticLock { get; set; }

    [JsonPropertyName("correctCurrentVersion")]
    [Description("Whether HAPI repairs resources whose current-version pointer names a missing version: None or All. Absent: the server's default, None.")]
    public CorrectCurrentVersionMode? CorrectCurrentVersion { get; set; }

    [JsonPropertyName("partitionIds")]
    [MaxLength(MaxPartitionIds)]
    [Items(Pattern = PartitionIdPattern, MaxLength = 11)]
    [Description("Partitions to reindex, as integer partition ids or _ALL, on a server with partitioning enabled. Empty: the server's default, every partition.")]
    public IList<string> PartitionIds { get; set; } = [];

    [Required]
    [JsonPropertyName("auth")]
    [Description("How the operator authenticates to the FHIR server. Exactly one of bearerToken, oauth2 or none.")]
    public AuthSpec Auth { get; set; } = new();

    [JsonPropertyName("polling")]
    [Description("How often the operator asks the server for the job's state, and when it gives up.")]
    public PollingSpec Polling { get; set; } = new();

    [JsonPropertyName("submissionRecovery")]
    [Description("What the operator does when it cannot know whether a $reindex request reached the server (it crashed after recording the submission, or the request timed out after it was sent). HAPI does not de-duplicate jobs, so submitting again may run the reindex twice. Resubmit (default): submit again, raise a Warning event and set status.submission.duplicatePossible. RequireConfirmation: stop in phase Stalled until someone checks the server and sets the annotation fhir.fut.dk/rerun to a new value.")]
    public SubmissionRecoveryPolicy SubmissionRecovery { get; set; } = SubmissionRecoveryPolicy.Resubmit;
}
