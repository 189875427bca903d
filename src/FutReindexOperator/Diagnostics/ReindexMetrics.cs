using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using Prometheus;

namespace FutReindexOperator.Diagnostics;

/// <summary>
/// The operator's own Prometheus families, in the runtime's registry. Every label has a closed set of values (phases,
/// outcome kinds, operations); never a job, namespace or server name.
/// </summary>
public sealed class ReindexMetrics
{
    /// <summary>The <c>operation</c> label of a <c>$reindex</c> POST.</summary>
    public const string SubmitOperation = "submit";

    /// <summary>The <c>operation</c> label of a status GET.</summary>
    public const string PollOperation = "poll";

    private static readonly double[] RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] JobBuckets = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200];

    private readonly Gauge _jobs;
    private readonly Counter _submissions;
    private readonly Counter _polls;
    private readonly Histogram _requestDuration;
    private readonly Histogram _jobDuration;

    public ReindexMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _jobs = factory.CreateGauge("fut_reindex_jobs", "ReindexJobs known to the operator, by phase (Unknown: not reconciled yet).", "phase");
        _submissions = factory.CreateCounter("fut_reindex_submissions_total", "$reindex submissions, by outcome.", "result");
        _polls = factory.CreateCounter("fut_reindex_polls_total", "Status polls, by outcome.", "result");
        _requestDuration = factory.CreateHistogram(
            "fut_reindex_fhir_request_duration_seconds",
            "Duration of requests to FHIR servers (including obtaining the token), by operation.",
            new HistogramConfiguration { LabelNames = ["operation"], Buckets = RequestBuckets });
        _jobDuration = factory.CreateHistogram(
            "fut_reindex_job_duration_seconds",
            "Time from the start of a run to its end, by the phase it ended in.",
            new HistogramConfiguration { LabelNames = ["phase"], Buckets = JobBuckets });
    }

    /// <summary>The label value for jobs without a phase.</summary>
    public const string UnknownPhase = "Unknown";

    /// <summary>Sets the per-phase gauge from the jobs known now; every phase is reported, zero when none.</summary>
    public void SetJobsPerPhase(IEnumerable<ReindexJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var counts = jobs.GroupBy(job => job.Status?.Phase?.ToString() ?? UnknownPhase).ToDictionary(group => group.Key, group => group.Count());
        foreach (var phase in Enum.GetNames<ReindexPhase>().Append(UnknownPhase))
        {
            _jobs.WithLabels(phase).Set(counts.GetValueOrDefault(phase));
        }
    }

    public void Submitted(SubmitOutcome outcome, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _submissions.WithLabels(outcome.GetType().Name).Inc();
        _requestDuration.WithLabels(SubmitOperation).Observe(duration.TotalSeconds);
    }

    public void Polled(PollOutcome outcome, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _polls.WithLabels(outcome.GetType().Name).Inc();
        _requestDuration.WithLabels(PollOperation).Observe(duration.TotalSeconds);
    }

    public void JobEnded(ReindexPhase phase, TimeSpan duration)
        => _jobDuration.WithLabels(phase.ToString()).Observe(Math.Max(0, duration.TotalSeconds));
}
