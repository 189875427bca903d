using System.ComponentModel;
using k8s.Models;

namespace FutReindexOperator.Model;

/// <summary>
/// The <c>ReindexPlan</c> custom resource: one <c>$reindex</c> run over many FHIR services, carried out by one child
/// ReindexJob per target Service, a few at a time.
/// </summary>
[KubernetesEntity(Group = ReindexJob.ApiGroup, ApiVersion = ReindexJob.ApiVersionName, Kind = KindName, PluralName = Plural)]
[Description("ReindexPlan reindexes many FHIR services with one resource: it resolves its target Services once per run, creates one child ReindexJob per target (owned by the plan, a few at a time) and sums up their outcome. Set the annotation fhir.fut.dk/rerun to a new value to run every target again.")]
[PrinterColumn("Targets", "integer", ".status.counts.targets", "How many Services the current run covers.")]
[PrinterColumn("Succeeded", "integer", ".status.counts.succeeded", "Children of the current run that succeeded.")]
[PrinterColumn("Failed", "integer", ".status.counts.failed", "Children of the current run that did not succeed.")]
[PrinterColumn("Running", "integer", ".status.counts.running", "Children of the current run that have started and not ended.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since the ReindexPlan was created.")]
[PrinterColumn("Phase", "string", ".status.phase", "Where the plan is in its run.", Priority = 1)]
[PrinterColumn("Message", "string", ".status.message", "The latest human-readable explanation.", Priority = 1)]
public sealed class ReindexPlan() : ReindexResource<ReindexPlanSpec, ReindexPlanStatus>(KindName)
{
    public const string KindName = "ReindexPlan";
    public const string Plural = "reindexplans";
    public const string Singular = "reindexplan";
    public const string ShortName = "rp";

    /// <summary>The label every child carries, naming its plan (for <c>kubectl get rj -l fhir.fut.dk/plan=NAME</c>).</summary>
    public const string PlanLabel = "fhir.fut.dk/plan";
}
