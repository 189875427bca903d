using System.Text;
using FutReindexOperator.Diagnostics;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using k8s.Models;
using Prometheus;

namespace FutReindexOperator.Tests.Diagnostics;

public sealed class ReindexMetricsTests
{
    [Test]
    public async Task ObserveJobs_SomeJobs_ReportsEveryPhasePerTargetAndNoJobName()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.ObserveJobs([Job("alpha", ReindexPhase.Running), Job("beta", ReindexPhase.Running), Job("gamma", null)]);
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_jobs{phase=\"Running\",target=\"fut/organization\"} 2");
        text.Should().Contain("fut_reindex_jobs{phase=\"Unknown\",target=\"fut/organization\"} 1");
        text.Should().Contain("fut_reindex_jobs{phase=\"Succeeded\",target=\"fut/organization\"} 0");
        text.Should().NotContain("alpha").And.NotContain("beta").And.NotContain("gamma");
    }

    [Test]
    public async Task ObserveJobs_KnownTarget_PublishesEveryOutcomeAndEndedRunSeriesAtZero()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.ObserveJobs([Job("alpha", ReindexPhase.Pending)]);
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_submissions_total{result=\"Accepted\",target=\"fut/organization\"} 0");
        text.Should().Contain("fut_reindex_submissions_total{result=\"MaybeSent\",target=\"fut/organization\"} 0");
        text.Should().Contain("fut_reindex_polls_total{result=\"Transient\",target=\"fut/organization\"} 0");
        text.Should().Contain("fut_reindex_job_duration_seconds_count{phase=\"Failed\",target=\"fut/organization\"} 0");
        text.Should().Contain("fut_reindex_job_duration_seconds_count{phase=\"Lost\",target=\"fut/organization\"} 0");
    }

    [Test]
    public async Task ObserveJobs_SucceededJobs_ReportsTheLatestCompletionPerTarget()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);
        var earlier = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        metrics.ObserveJobs(
        [
            Job("alpha", ReindexPhase.Succeeded, completed: earlier),
            Job("beta", ReindexPhase.Succeeded, completed: earlier.AddMinutes(5)),
            Job("gamma", ReindexPhase.Failed, completed: earlier.AddHours(1)),
            Job("delta", ReindexPhase.Running, service: "careplan"),
        ]);
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_last_success_timestamp_seconds{target=\"fut/organization\"} 1800000300");
        text.Should().NotContain("fut_reindex_last_success_timestamp_seconds{target=\"fut/careplan\"}", "no run on careplan succeeded");
    }

    [Test]
    public async Task ObserveJobs_TargetNoLongerNamed_ReportsZeroJobsForIt()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);
        metrics.ObserveJobs([Job("alpha", ReindexPhase.Stalled, service: "careplan")]);

        metrics.ObserveJobs([]);
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_jobs{phase=\"Stalled\",target=\"fut/careplan\"} 0");
    }

    [Test]
    public void TargetOf_TargetInAnotherNamespace_IsThatNamespaceAndService()
    {
        var metrics = new ReindexMetrics(Metrics.NewCustomRegistry());
        var job = Job("alpha", null);
        job.Spec.Target!.Namespace = "fhir";

        metrics.TargetOf(job).Should().Be("fhir/organization");
    }

    [Test]
    public void TargetOf_MoreDistinctTargetsThanTheBound_SharesOneLabelBeyondIt()
    {
        var metrics = new ReindexMetrics(Metrics.NewCustomRegistry());
        var labels = Enumerable.Range(0, ReindexMetrics.MaxTargets + 20).Select(index => metrics.TargetOf(Job("job", null, service: $"s{index}"))).ToList();

        labels.Distinct().Should().HaveCount(ReindexMetrics.MaxTargets + 1);
        labels.Skip(ReindexMetrics.MaxTargets).Should().OnlyContain(label => label == ReindexMetrics.OtherTarget);
        metrics.TargetOf(Job("again", null, service: "s0")).Should().Be("fut/s0", "a target seen before keeps its label");
    }

    [Test]
    public void TargetOf_NoTargetInTheSpec_IsNone()
    {
        var metrics = new ReindexMetrics(Metrics.NewCustomRegistry());
        var job = Job("alpha", null);
        job.Spec.Target = new TargetSpec();

        metrics.TargetOf(job).Should().Be(ReindexMetrics.NoTarget);
    }

    [Test]
    public async Task SubmittedAndPolled_Outcomes_CountByOutcomeKindAndTarget()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.Submitted("fut/organization", new SubmitOutcome.Accepted("job-1", Trackable: true, "queued"));
        metrics.Polled("fut/organization", new PollOutcome.Transient("reset by job-1's server"));
        metrics.Polled("fut/organization", new PollOutcome.Transient("timeout"));
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_submissions_total{result=\"Accepted\",target=\"fut/organization\"} 1");
        text.Should().Contain("fut_reindex_polls_total{result=\"Transient\",target=\"fut/organization\"} 2");
        text.Should().NotContain("job-1", "outcome details are never labels");
    }

    [Test]
    public async Task JobEnded_Phase_ObservesDurationUnderThePhaseAndTarget()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.JobEnded("fut/organization", ReindexPhase.Failed, TimeSpan.FromMinutes(2));
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_job_duration_seconds_sum{phase=\"Failed\",target=\"fut/organization\"} 120");
        text.Should().Contain("fut_reindex_job_duration_seconds_count{phase=\"Failed\",target=\"fut/organization\"} 1");
    }

    private static ReindexJob Job(string name, ReindexPhase? phase, string service = "organization", DateTimeOffset? completed = null)
        => new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "fut" },
            Spec = new ReindexJobSpec { Target = new TargetSpec { Service = service } },
            Status = phase is null ? null : new ReindexJobStatus { Phase = phase, CompletionTime = completed },
        };

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
