using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>The knobs of the simulated HAPI FHIR server (protocol section 10).</summary>
public sealed class HapiBehaviourOptions
{
    /// <summary>Which reindex provider generation answers. <value>Default: <see cref="HapiGeneration.A"/>.</value></summary>
    public HapiGeneration Generation { get; set; } = HapiGeneration.A;

    /// <summary>The version in <c>x-powered-by</c>. <value>Default: <c>8.6.5</c>.</value></summary>
    [Required]
    [RegularExpression(@"^\d+\.\d+\.\d+$", ErrorMessage = "HapiVersion must look like 8.6.5.")]
    public string HapiVersion { get; set; } = "8.6.5";

    /// <summary><c>entry.response.status</c> of a failed job's Bundle. <value>Default: <c>500 Internal Server Error</c>.</value></summary>
    [Required]
    [RegularExpression(@"^\d{3} .+$", ErrorMessage = "FailedEntryStatus must be an HTTP status line such as '500 Internal Server Error'.")]
    public string FailedEntryStatus { get; set; } = "500 Internal Server Error";

    /// <summary>How failed jobs answer polls. <value>Default: <see cref="FailedHttpStyle.Bundle200"/>.</value></summary>
    public FailedHttpStyle FailedHttpStyle { get; set; } = FailedHttpStyle.Bundle200;

    /// <summary>The report form in the COMPLETED Bundle. <value>Default: <see cref="ReportFormat.FutExample"/>.</value></summary>
    public ReportFormat ReportFormat { get; set; } = ReportFormat.FutExample;

    /// <summary>Whether OperationOutcomes carry HAPI's generated narrative. <value>Default: <c>true</c>.</value></summary>
    public bool Narrative { get; set; } = true;

    /// <summary>How long an ended job stays readable before it is purged (then 404 <c>HAPI-2787</c>); null keeps it. <value>Default: null.</value></summary>
    public TimeSpan? PurgeAfter { get; set; }

    /// <summary>
    /// Whether a submission without URLs (every resource type) is accepted; off emulates back-ends that cannot
    /// enumerate all types (400 "At least one type-specific search URL must be provided"). <value>Default: <c>true</c>.</value>
    /// </summary>
    public bool AllowEmptyUrlList { get; set; } = true;

    /// <summary>Resource types <c>$reindex</c> URLs may name; also the types an "everything" reindex reports. <value>Default: the FUT resource types listed in <see cref="DefaultResourceTypes"/>.</value></summary>
    [MinLength(1, ErrorMessage = "SupportedResourceTypes must name at least one resource type.")]
    public IList<string> SupportedResourceTypes { get; init; } = [.. DefaultResourceTypes];

    /// <summary>The resource types supported when none are configured.</summary>
    public static IReadOnlyList<string> DefaultResourceTypes { get; } =
    [
        "Appointment", "CarePlan", "CareTeam", "ClinicalImpression", "Communication", "CommunicationRequest",
        "Condition", "Consent", "Device", "DeviceMetric", "DocumentReference", "EpisodeOfCare", "Goal",
        "Group", "HealthcareService", "Library", "Location", "Measure", "Media", "Observation",
        "ObservationDefinition", "Organization", "Patient", "PlanDefinition", "Practitioner",
        "PractitionerRole", "Provenance", "Questionnaire", "QuestionnaireResponse", "RelatedPerson",
        "ServiceRequest", "Task", "ValueSet", "CodeSystem", "ConceptMap",
    ];
}
