using System.Text.RegularExpressions;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Tests.InProcess;

public sealed class EventsAndMetricsTests
{
    private const string Name = "observed-job";

    [Test]
    [CancelAfter(120_000)]
    public async Task Transitions_are_visible_as_aggregated_events_and_the_metrics_count_the_flow_with_bounded_labels(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 8)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = InProcessWorld.Service, Operation = "$hapi.fhir.reindex-status", Probability = 0.5 });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);
        var events = await world.WaitForEventAsync(Name, EventReasons.Succeeded, cancellationToken);

        events.Select(item => item.Reason).Should().Contain([EventReasons.Submitted, EventReasons.Running, EventReasons.Succeeded, EventReasons.Retrying]);
        events.Should().OnlyContain(item => item.Regarding.Name == Name && item.Regarding.Kind == ReindexJob.KindName);
        events.GroupBy(item => (item.Reason, item.Note)).Should().OnlyContain(group => group.Count() == 1, "repeats are aggregated into one event");
        var failures = world.Simulator.Controls.Counters.Faults[nameof(EnvoyFault.NoHealthyUpstream)];
        failures.Should().BeGreaterThanOrEqualTo(2);
        var retrying = events.Where(item => item.Reason == EventReasons.Retrying).ToList();
        retrying.Should().Contain(item => item.Series != null && item.Series.Count >= 2, "the same retry, repeated, is counted in the event's series");

        var metrics = await world.Operator!.ScrapeAsync(cancellationToken);
        const string Target = "target=\"default/organization\"";
        Sample(metrics, "fut_reindex_submissions_total", $"result=\"Accepted\",{Target}").Should().Be(1);
        Sample(metrics, "fut_reindex_polls_total", $"result=\"Succeeded\",{Target}").Should().Be(1);
        Sample(metrics, "fut_reindex_polls_total", $"result=\"Transient\",{Target}").Should().Be(failures);
        Sample(metrics, "fut_reindex_jobs", $"phase=\"Succeeded\",{Target}").Should().Be(1);
        Sample(metrics, "fut_reindex_job_duration_seconds_count", $"phase=\"Succeeded\",{Target}").Should().Be(1);
        Sample(metrics, "fut_reindex_job_duration_seconds_count", $"phase=\"Failed\",{Target}").Should().Be(0);
        Sample(metrics, "fut_reindex_fhir_requests_total", $"{Target},method=\"GET\",code=\"503\"").Should().Be(failures);
        Sample(metrics, "fut_reindex_fhir_request_duration_seconds_count", $"{Target},method=\"GET\"").Should().BeGreaterThan(failures);
        Sample(metrics, "fut_reindex_last_success_timestamp_seconds", Target).Should().BeGreaterThan(0);
        Sample(metrics, "rest_client_requests_total", $"code=\"201\",method=\"POST\",host=\"{world.Api.HttpsAddress.Authority}\"").Should().BeGreaterThan(0, "events are created");
        Sample(metrics, "rest_client_request_duration_seconds_count", $"verb=\"PATCH\",host=\"{world.Api.HttpsAddress.Authority}\"").Should().BeGreaterThan(0, "statuses are patched");
        Sample(metrics, "controller_runtime_reconcile_errors_total", "controller=\"reindexjob\"").Should().Be(0);
        metrics.Should().Contain("\nprocess_cpu_seconds_total ").And.Contain("\nworkqueue_longest_running_processor_seconds{name=\"reindexjob\"} ");
        metrics.Should().NotContain(Name, "no metric label names a job");
    }

    private static double Sample(string metrics, string family, string label)
    {
        var match = Regex.Match(metrics, $"^{Regex.Escape(family)}\\{{{Regex.Escape(label)}\\}} (\\S+)$", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"{family}{{{label}}} should be exported");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
