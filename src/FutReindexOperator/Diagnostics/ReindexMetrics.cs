using System.Collections.Concurrent;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using Prometheus;

namespace FutReindexOperator.Diagnostics;

/// <summary>
/// The operator's own Prometheus families, in the runtime's registry. Every label has a bounded set of values: phases,
/// outcome kinds, methods, status codes, and the <c>target</c> a job names (<c>namespace/service</c> of its FHIR
/// Service, at most <see cref="MaxTargets"/> of them); never a job name or job id.
/// </summary>
/// <remarks>
/// The job and last-success gauges are computed from the cache when metrics are collected, so a standby and a new
/// leader report them as the leader did. Every counter and histogram is published at 0 for each known target and label
/// value, so that <c>increase()</c> and ratios see the first event.
/// </remarks>
public sealed class ReindexMetrics
{
    /// <summary>The most distinct <c>target</c> values; further targets share <see cref="OtherTarget"/>.</summary>
    public const int MaxTargets = 100;

    /// <summary>The <c>target</c> of targets beyond <see cref="MaxTargets"/>.</summary>
    public const string OtherTarget = "other";

    /// <summary>The <c>target</c> of a job whose spec names no target (an invalid spec).</summary>
    public const string NoTarget = "none";

    /// <summary>The label value for jobs without a phase.</summary>
    public const string UnknownPhase = "Unknown";

    private static readonly double[] RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] JobBuckets = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200];
    private static readonly IReadOnlyList<string> Phases = [.. Enum.GetNames<ReindexPhase>(), UnknownPhase];
    private static readonly IReadOnlyList<string> TerminalPhases = [.. Enum.GetValues<ReindexPhase>().Where(phase => phase.IsTerminal()).Select(phase => phase.ToString())];
    private static readonly IReadOnlyList<string> SubmitResults = OutcomeNames(typeof(SubmitOutcome));
    private static readonly IReadOnlyList<string> PollResults = OutcomeNames(typeof(PollOutcome));

    private readonly ConcurrentDictionary<string, string> _targets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedTargets = new(StringComparer.Ordinal);
    private readonly Lock _observeGate = new();
    private readonly Gauge _jobs;
    private readonly Gauge _lastSuccess;
    private readonly Counter _submissions;
    private readonly Counter _polls;
    private readonly Counter _requests;
    private readonly Histogram _requestDuration;
    private readonly Histogram _jobDuration;

    public ReindexMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _jobs = factory.CreateGauge(
            "fut_reindex_jobs", "ReindexJobs known to the operator, by phase (Unknown: not reconciled yet) and target.", "phase", "target");
        _lastSuccess = factory.CreateGauge(
            "fut_reindex_last_success_timestamp_seconds",
            "Completion time (Unix seconds) of the latest Succeeded ReindexJob of each target, among the jobs that exist.",
            "target");
        _submissions = factory.CreateCounter("fut_reindex_submissions_total", "$reindex submissions, by outcome and target.", "result", "target");
        _polls = factory.CreateCounter("fut_reindex_polls_total", "Status polls, by outcome and target.", "result", "target");
        _requests = factory.CreateCounter(
            "fut_reindex_fhir_requests_total",
            "HTTP requests to FHIR servers, by target, method and status code (<error>: no response).",
            "target",
            "method",
            "code");
        _requestDuration = factory.CreateHistogram(
            "fut_reindex_fhir_request_duration_seconds",
            "Latency of HTTP requests to FHIR servers until the response headers, by target and method (POST: $reindex, GET: status).",
            new HistogramConfiguration { LabelNames = ["target", "method"], Buckets = RequestBuckets });
        _jobDuration = factory.CreateHistogram(
            "fut_reindex_job_duration_seconds",
            "Time from the start of a run to its end, by the phase it ended in and target; its _count counts ended runs.",
            new HistogramConfiguration { LabelNames = ["phase", "target"], Buckets = JobBuckets });
    }

    /// <summary>
    /// The <c>target</c> label of <paramref name="job"/>: the namespace and name of the Service it names
    /// (<c>fhir/organization</c>), <see cref="NoTarget"/> without one, <see cref="OtherTarget"/> beyond
    /// <see cref="MaxTargets"/> distinct values.
    /// </summary>
    public string TargetOf(ReindexJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Spec.Target is not { Service.Length: > 0 } target)
        {
            return NoTarget;
        }

        var name = $"{(string.IsNullOrEmpty(target.Namespace) ? job.Metadata.NamespaceProperty : target.Namespace)}/{target.Service}";
        if (_targets.TryGetValue(name, out var known))
        {
            return known;
        }

        return _targets.Count >= MaxTargets ? OtherTarget : _targets.GetOrAdd(name, name);
    }

    /// <summary>
    /// Sets the job and last-success gauges from the jobs known now, and publishes every series of each of their
    /// targets at 0 where it has no value yet. Targets no longer named by any job report 0 jobs.
    /// </summary>
    public void ObserveJobs(IReadOnlyCollection<ReindexJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var counts = new Dictionary<(string Phase, string Target), int>();
        var lastSuccess = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var target = TargetOf(job);
            targets.Add(target);
            var phase = job.Status?.Phase?.ToString() ?? UnknownPhase;
            counts[(phase, target)] = counts.GetValueOrDefault((phase, target)) + 1;
            if (job.Status is { Phase: ReindexPhase.Succeeded, CompletionTime: { } completed }
                && (!lastSuccess.TryGetValue(target, out var latest) || completed > latest))
            {
                lastSuccess[target] = completed;
            }
        }

        lock (_observeGate)
        {
            _reportedTargets.UnionWith(targets);
            foreach (var target in _reportedTargets)
            {
                foreach (var phase in Phases)
                {
                    _jobs.WithLabels(phase, target).Set(counts.GetValueOrDefault((phase, target)));
                }
            }
        }

        foreach (var target in targets)
        {
            Publish(target);
        }

        foreach (var (target, completed) in lastSuccess)
        {
            _lastSuccess.WithLabels(target).Set(completed.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    public void Submitted(string target, SubmitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _submissions.WithLabels(outcome.GetType().Name, target).Inc();
    }

    public void Polled(string target, PollOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _polls.WithLabels(outcome.GetType().Name, target).Inc();
    }

    /// <summary>Counts one HTTP request to a FHIR server (see <see cref="FhirRequestMetrics"/>).</summary>
    public void FhirRequest(string target, string method, string code, TimeSpan duration)
    {
        _requests.WithLabels(target, method, code).Inc();
        _requestDuration.WithLabels(target, method).Observe(duration.TotalSeconds);
    }

    public void JobEnded(string target, ReindexPhase phase, TimeSpan duration)
        => _jobDuration.WithLabels(phase.ToString(), target).Observe(Math.Max(0, duration.TotalSeconds));

    private static string[] OutcomeNames(Type outcome)
        => [.. outcome.GetNestedTypes().Where(type => type.IsSubclassOf(outcome)).Select(type => type.Name).Order(StringComparer.Ordinal)];

    private void Publish(string target)
    {
        foreach (var result in SubmitResults)
        {
            _submissions.WithLabels(result, target);
        }

        foreach (var result in PollResults)
        {
            _polls.WithLabels(result, target);
        }

        foreach (var phase in TerminalPhases)
        {
            _jobDuration.WithLabels(phase, target);
        }
    }
}
