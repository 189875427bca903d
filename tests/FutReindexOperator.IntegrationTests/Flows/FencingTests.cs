using System.Collections.Concurrent;
using System.Text.Json;
using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.OperatorHost;
using k8s;

namespace FutReindexOperator.IntegrationTests.Flows;

/// <summary>
/// Issue 13 #13 (I11), with real processes: two replicas with leader election; the leader is paused (SIGSTOP) while
/// its POST is in flight, for longer than its lease, then resumed.
/// </summary>
[Category("E2E")]
public sealed class FencingTests
{
    private const string Name = "fenced";
    private const string Resource = "reindexjobs.fhir.fut.dk";
    private static readonly TimeSpan HeldPost = TimeSpan.FromSeconds(12);

    [Test]
    [CancelAfter(180_000)]
    public async Task A_leader_paused_past_its_lease_with_its_POST_in_flight_writes_and_sends_nothing_when_it_wakes(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(
            cancellationToken,
            settings: new Dictionary<string, string>
            {
                ["OperatorRuntime__LeaderElection__LeaseDuration"] = "00:00:04",
                ["OperatorRuntime__LeaderElection__RenewDeadline"] = "00:00:03",
                ["OperatorRuntime__LeaderElection__RetryPeriod"] = "00:00:00.500",

                // The held POST must outlast the pause, not time out in it.
                ["Reindex__Http__RequestTimeout"] = "00:01:00",
            },
            startOperator: false);
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        var oldLeader = await world.StartReplicaAsync("replica-a", cancellationToken);
        await UntilLogged(oldLeader, ["Became leader of lease"], cancellationToken);
        var successor = await world.StartReplicaAsync("replica-b", cancellationToken);
        var statuses = new ConcurrentQueue<ReindexJobStatus?>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = WatchStatusesAsync(world, statuses, stopWatching.Token);

        var fault = world.Simulator.Controls.AddFault(new FaultRule
        {
            Fault = EnvoyFault.Latency,
            Service = OperatorHarness.Service,
            Operation = "$reindex",
            Count = 1,
            Delay = HeldPost,
        });
        await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
        await Eventually.UntilAsync(
            () => world.Simulator.Controls.Faults.Any(active => active.Id == fault && active.Fired == 1), cancellationToken, OperatorHarness.OperatorReaction);
        await oldLeader.PauseAsync(cancellationToken);

        // The successor takes the lease, resubmits (flagged) and finishes the job; then the old POST is answered.
        var done = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);
        await Eventually.UntilAsync(
            () => world.Simulator.Controls.Counters.Submissions.GetValueOrDefault(OperatorHarness.Service) == 2, cancellationToken, HeldPost * 2);
        var statusWritesBefore = StatusWrites(world);
        var fhirRequestsBefore = world.Simulator.Controls.Requests.Count;
        await oldLeader.ResumeAsync(cancellationToken);

        // It wakes with the answer of its POST in hand and refuses to act on it: either its fence stops the status write,
        // or its elector notices the lost lease first and cancels the reconcile. Which comes first is a race; both
        // write nothing and send nothing, as the request counts below show.
        await UntilLogged(oldLeader, ["stopped before writing or sending", "cancelled (leadership lost"], cancellationToken);
        await UntilLogged(oldLeader, ["No longer leader of lease"], cancellationToken);
        var final = await world.GetJobAsync(Name, cancellationToken);
        await stopWatching.CancelAsync();
        await watching;

        StatusWrites(world).Should().Be(statusWritesBefore, "the old leader writes no status once it is not sure it leads");
        world.Simulator.Controls.Requests.Count.Should().Be(fhirRequestsBefore, "the old leader neither polls nor POSTs once it is not sure it leads");
        final.Status!.Phase.Should().Be(ReindexPhase.Succeeded);
        final.Status.JobId.Should().Be(done.Status!.JobId);
        done.Status.Submission!.DuplicatePossible.Should().BeTrue("the successor could not know whether the held POST reached the server");
        NeverMovedBackwards([.. statuses]);
        oldLeader.HasExited.Should().BeFalse();
        successor.HasExited.Should().BeFalse();
    }

    private static void NeverMovedBackwards(IReadOnlyList<ReindexJobStatus?> statuses)
    {
        statuses.Should().NotBeEmpty();
        string? jobId = null;
        ReindexPhase? terminal = null;
        var complete = false;
        foreach (var status in statuses)
        {
            if (status is null)
            {
                continue;
            }

            if (terminal is { } ended)
            {
                status.Phase.Should().Be(ended, "a finished job never goes back to another phase");
            }

            if (status.Phase is { } phase && phase.IsTerminal())
            {
                terminal = phase;
            }

            if (jobId is not null)
            {
                status.JobId.Should().Be(jobId, "a recorded job id is never replaced");
            }

            jobId ??= status.JobId;
            var isComplete = status.Conditions.Any(condition => condition.Type == ReindexConditions.Complete && condition.Status == "True");
            if (complete)
            {
                isComplete.Should().BeTrue("Complete never flips back");
            }

            complete |= isComplete;
        }

        complete.Should().BeTrue();
    }

    private static long StatusWrites(OperatorHarness world) =>
        world.Api.Controls.Requests.Count("patch", Resource + "/status") + world.Api.Controls.Requests.Count("update", Resource + "/status");

    private static Task UntilLogged(OperatorProcess replica, string[] anyOf, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            () => replica.Output.Any(line => anyOf.Any(text => line.Contains(text, StringComparison.Ordinal))),
            cancellationToken,
            OperatorHarness.OperatorReaction,
            what: $"the replica logs \"{string.Join("\" or \"", anyOf)}\"");

    /// <summary>Every version of the job's status the API server stores, in order, from a watch of the namespace.</summary>
    private static async Task WatchStatusesAsync(OperatorHarness world, ConcurrentQueue<ReindexJobStatus?> statuses, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (_, item) in world.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorHarness.Namespace, ReindexJob.Plural, cancellationToken: cancellationToken))
            {
                var job = KubernetesJson.Deserialize<ReindexJob>(((JsonElement)item).GetRawText());
                if (job.Metadata?.Name == Name)
                {
                    statuses.Enqueue(job.Status);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test has seen what it needs.
        }
    }
}
