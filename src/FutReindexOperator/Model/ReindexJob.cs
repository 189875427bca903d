using System.ComponentModel;
using k8s.Models;

namespace FutReindexOperator.Model;

/// <summary>The <c>ReindexJob</c> custom resource: one HAPI FHIR <c>$reindex</c> run against one FHIR service.</summary>
[KubernetesEntity(Group = ApiGroup, ApiVersion = ApiVersionName, Kind = KindName, PluralName = Plural)]
[Description("ReindexJob runs one HAPI FHIR $reindex job against one FHIR service and tracks it until the server reports its end. The spec cannot change once the job is submitted; set the annotation fhir.fut.dk/rerun to a new value to run it again.")]
[PrinterColumn("Target", "string", ".spec.target.service", "The Kubernetes Service of the FHIR server.")]
[PrinterColumn("Phase", "string", ".status.phase", "Where the job is in its life cycle.")]
[PrinterColumn("Started", "date", ".status.startTime", "Time since the operator began the current run (kubectl shows it as an age).")]
[PrinterColumn("Finished", "date", ".status.completionTime", "Time since the job ended (kubectl shows it as an age).")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since the ReindexJob was created.")]
[PrinterColumn("Message", "string", ".status.message", "The latest human-readable explanation.")]
[PrinterColumn("Job ID", "string", ".status.jobId", "The job id HAPI FHIR gave the $reindex job.", Priority = 1)]
[CelRule(RunRecordRules.StatusKept, RunRecordRules.StatusKeptMessage)]
[PrinterColumn("URLs", "string", ".spec.urls", "The resource filters; empty means every resource of every type.", Priority = 1)]
public sealed class ReindexJob() : ReindexResource<ReindexJobSpec, ReindexJobStatus>(KindName)
{
    public const string ApiGroup = "fhir.fut.dk";
    public const string ApiVersionName = "v1alpha1";
    public const string KindName = "ReindexJob";
    public const string Plural = "reindexjobs";
    public const string Singular = "reindexjob";
    public const string ShortName = "rj";
    public const string Category = "fut";

    /// <summary>The annotation whose value, when changed, asks for a new run of the same job.</summary>
    public const string RerunAnnotation = "fhir.fut.dk/rerun";
}
