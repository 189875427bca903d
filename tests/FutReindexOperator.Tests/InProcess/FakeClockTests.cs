using System.Globalization;
using System.Text.RegularExpressions;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>The in-process operator on a <see cref="FakeTimeProvider"/>: hours of a job's life pass in moments.</summary>
public sealed class FakeClockTests
{
    private const string Name = "reindex";

    /// <summary>How far the operator's clock moves between two reads of the job.</summary>
    private static readonly TimeSpan ClockStep = TimeSpan.FromMinutes(1);

    [Test]
    [CancelAfter(60_000)]
    public async Task A_job_the_server_never_ends_fails_with_DeadlineExceeded_once_its_deadline_has_passed_on_the_operators_clock(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // One replica, without the lease: renewing it takes real time, in which the fake clock would let it run out.
        await using var world = await InProcessWorld.StartAsync(
            cancellationToken, settings: new Dictionary<string, string> { ["OperatorRuntime:LeaderElection:Enabled"] = "false" }, timeProvider: clock);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        var spec = InProcessWorld.Spec();
        spec.Polling.FirstInterval = TimeSpan.FromMinutes(1);
        spec.Polling.MaxInterval = TimeSpan.FromMinutes(10);
        spec.Polling.Deadline = TimeSpan.FromHours(2);
        spec.Polling.StallTimeout = TimeSpan.FromHours(3);

        await world.CreateJobAsync(Name, spec, cancellationToken);
        var failed = await Eventually.UntilAsync(
            async token =>
            {
                clock.Advance(ClockStep);
                return await world.GetJobAsync(Name, token);
            },
            job => job.Status?.Phase == ReindexPhase.Failed,
            cancellationToken,
            Timeout.InfiniteTimeSpan,
            TimeSpan.FromMilliseconds(20));

        failed.Condition(ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.DeadlineExceeded);
        failed.Status!.Message.Should().Contain("did not end within its deadline of 2h").And.Contain(failed.Status.JobId);
        (failed.Status.CompletionTime - failed.Status.StartTime).Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(2));
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        (await world.WaitForEventAsync(Name, EventReasons.Failed, cancellationToken)).Should().Contain(item => item.Type == "Warning" && item.Note.Contains("deadline"));
    }

    /// <summary>
    /// With the operator's clock stopped between steps, only a cause can reconcile the job: its creation, then each
    /// poll's requeue when the clock is moved past it. Each reconcile makes exactly one server call (the POST, then one
    /// poll each), although each writes the status (marker, job id, progress, end): the operator's own status writes
    /// cause no reconcile.
    /// </summary>
    [Test]
    [CancelAfter(60_000)]
    public async Task A_whole_run_reconciles_once_per_server_call_and_never_for_the_operators_own_status_writes(CancellationToken cancellationToken)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await InProcessWorld.StartAsync(
            cancellationToken, settings: new Dictionary<string, string> { ["OperatorRuntime:LeaderElection:Enabled"] = "false" }, timeProvider: clock);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 3)]));
        var spec = InProcessWorld.Spec();
        spec.Polling.FirstInterval = TimeSpan.FromMinutes(1);
        spec.Polling.MaxInterval = TimeSpan.FromMinutes(1);
        spec.Polling.Deadline = TimeSpan.FromHours(2);
        spec.Polling.StallTimeout = TimeSpan.FromHours(3);

        await world.CreateJobAsync(Name, spec, cancellationToken);
        var reconciles = new List<double>();
        ReindexJob job;
        do
        {
            job = await SettledAsync(world, cancellationToken);
            var metrics = await world.Operator!.ScrapeAsync(cancellationToken);
            reconciles.Add(Sum(metrics, "controller_runtime_reconcile_total", "controller=\"reindexjob\""));
            Sum(metrics, "controller_runtime_reconcile_total", "controller=\"reindexjob\"").Should().Be(
                Sum(metrics, "fut_reindex_submissions_total", "") + Sum(metrics, "fut_reindex_polls_total", ""),
                $"each reconcile so far made one server call ({job.Status?.Phase}, after {reconciles.Count} steps)");
            clock.Advance(TimeSpan.FromMinutes(2));
        }
        while (job.Status?.Phase is not { } phase || !phase.IsTerminal());

        job.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        reconciles.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each step reconciled exactly once more");
        world.Api.Controls.Requests.Recent
            .Count(r => r.Verb == "patch" && r.Path.EndsWith($"/{Name}/status", StringComparison.Ordinal) && r.StatusCode == 200)
            .Should().BeGreaterThan((int)reconciles[^1], "several reconciles wrote more than once");
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    /// <summary>
    /// Waits until the operator's cache shows the job as the API server has it and no reconcile is queued or running;
    /// returns the job.
    /// </summary>
    private static async Task<ReindexJob> SettledAsync(InProcessWorld world, CancellationToken cancellationToken)
    {
        var cache = world.Operator!.Services.GetRequiredService<IResourceCache<ReindexJob>>();
        ReindexJob job = null!;
        await Eventually.UntilAsync(
            async token =>
            {
                job = await world.GetJobAsync(Name, token);
                var metrics = await world.Operator.ScrapeAsync(token);
                return cache.TryGet(new ObjectKey(OperatorWorld.Namespace, Name), out var cached)
                    && cached.Metadata.ResourceVersion == job.Metadata.ResourceVersion
                    && Sum(metrics, "workqueue_depth", "name=\"reindexjob\"") == 0
                    && Sum(metrics, "controller_runtime_active_workers", "controller=\"reindexjob\"") == 0;
            },
            cancellationToken,
            OperatorWorld.OperatorReaction,
            TimeSpan.FromMilliseconds(20),
            what: "the operator has settled on the job as the API server holds it");
        return job;
    }

    /// <summary>The sum of <paramref name="family"/>'s samples whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string metrics, string family, string label) =>
        Regex.Matches(metrics, $"^{Regex.Escape(family)}(\\{{(?<labels>[^}}]*)\\}})? (?<value>\\S+)$", RegexOptions.Multiline)
            .Where(match => match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
}
