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
    public async Task SetJobsPerPhase_SomeJobs_ReportsEveryPhaseAndNoJobName()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.SetJobsPerPhase([Job("alpha", ReindexPhase.Running), Job("beta", ReindexPhase.Running), Job("gamma", null)]);
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_jobs{phase=\"Running\"} 2");
        text.Should().Contain("fut_reindex_jobs{phase=\"Unknown\"} 1");
        text.Should().Contain("fut_reindex_jobs{phase=\"Succeeded\"} 0");
        text.Should().NotContain("alpha").And.NotContain("beta").And.NotContain("gamma");
    }

    [Test]
    public async Task SubmittedAndPolled_Outcomes_CountByOutcomeKindAndOperation()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.Submitted(new SubmitOutcome.Accepted("job-1", Trackable: true, "queued"), TimeSpan.FromMilliseconds(20));
        metrics.Polled(new PollOutcome.Transient("reset by job-1's server"), TimeSpan.FromMilliseconds(5));
        metrics.Polled(new PollOutcome.Transient("timeout"), TimeSpan.FromMilliseconds(5));
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_submissions_total{result=\"Accepted\"} 1");
        text.Should().Contain("fut_reindex_polls_total{result=\"Transient\"} 2");
        text.Should().Contain("fut_reindex_fhir_request_duration_seconds_count{operation=\"submit\"} 1");
        text.Should().Contain("fut_reindex_fhir_request_duration_seconds_count{operation=\"poll\"} 2");
        text.Should().NotContain("job-1", "outcome details are never labels");
    }

    [Test]
    public async Task JobEnded_Phase_ObservesDurationUnderThePhase()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ReindexMetrics(registry);

        metrics.JobEnded(ReindexPhase.Failed, TimeSpan.FromMinutes(2));
        var text = await ExportAsync(registry);

        text.Should().Contain("fut_reindex_job_duration_seconds_sum{phase=\"Failed\"} 120");
        text.Should().Contain("fut_reindex_job_duration_seconds_count{phase=\"Failed\"} 1");
    }

    private static ReindexJob Job(string name, ReindexPhase? phase)
        => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "fut" }, Status = phase is null ? null : new ReindexJobStatus { Phase = phase } };

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
