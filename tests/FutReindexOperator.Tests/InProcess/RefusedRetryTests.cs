using System.Text.Json;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.World;
using k8s;
using YamlDotNet.Serialization;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// A job refused by the mesh (403) is retried with the refused backoff; every attempt writes its marker and outcome, and
/// a watcher of the job (kubectl get -w, kubectl wait, Argo CD) sees one steady Stalled until the server accepts.
/// </summary>
public sealed class RefusedRetryTests
{
    private const string Name = "refused";

    /// <summary>The first attempt and three retries are refused; the fifth attempt is accepted.</summary>
    private const int RefusedAttempts = 4;

    [Test]
    [CancelAfter(90_000)]
    public async Task A_job_refused_on_every_retry_stays_Stalled_without_flapping_then_runs_once_the_server_accepts(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = InProcessWorld.Service, Operation = "$reindex", Count = RefusedAttempts });
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new List<ReindexJob>();
        var watch = await StartWatchAsync(world, seen, watching.Token);

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);
        await Eventually.UntilAsync(() => Seen(seen).Any(job => job.Status?.Phase == ReindexPhase.Succeeded), cancellationToken, OperatorWorld.OperatorReaction, TimeSpan.FromMilliseconds(50), what: "the watch shows the job Succeeded");
        await watching.CancelAsync();
        await watch;

        var statuses = Seen(seen).Select(job => job.Status).OfType<ReindexJobStatus>().ToList();
        var stalled = statuses.SkipWhile(status => status.Phase != ReindexPhase.Stalled).TakeWhile(status => status.JobId is null).ToList();
        var phases = Phases(statuses);
        phases.Should().ContainSingle(phase => phase == ReindexPhase.Stalled, "the job entered Stalled once (phases seen: {0})", string.Join(", ", phases));
        phases.SkipWhile(phase => phase != ReindexPhase.Stalled).Skip(1).First().Should().Be(ReindexPhase.Queued, "only the accepted attempt moved it out of Stalled");
        phases[^1].Should().Be(ReindexPhase.Succeeded);
        stalled.Should().OnlyContain(status => status.Phase == ReindexPhase.Stalled);
        stalled.Select(status => status.Submission!.Attempt).Distinct().Should().HaveCount(RefusedAttempts + 1, "the refused attempts and the accepted one were all sent from Stalled");
        stalled.Where(status => status.Submission!.State == SubmissionState.Sending).Should().HaveCount(RefusedAttempts, "each retry wrote its marker before its POST");
        stalled.Select(status => Since(status, ReindexConditions.Stalled)).Distinct().Should().ContainSingle("the Stalled condition never left True");
        stalled.Select(status => Since(status, ReindexConditions.Reconciling)).Distinct().Should().ContainSingle();
        stalled.Should().OnlyContain(status => IsTrue(status, ReindexConditions.Stalled) && !IsTrue(status, ReindexConditions.Reconciling) && !IsTrue(status, ReindexConditions.Ready));
        world.Simulator.Controls.Requests.Count(request => request.Method == "POST" && request.Target == InProcessWorld.Service).Should().Be(RefusedAttempts + 1);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        var events = await world.WaitForEventAsync(Name, EventReasons.Submitted, cancellationToken);
        events.Where(item => item.Reason == EventReasons.Forbidden).Should().ContainSingle().Which.Series.Should().BeNull("the refusal is announced once, not on every retry");
        events.Should().ContainSingle(item => item.Reason == EventReasons.Submitted);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_refused_job_whose_retry_is_being_sent_is_Stalled_and_Degraded_in_Argo_CD_as_kubectl_shows_it(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = InProcessWorld.Service, Operation = "$reindex", Count = 1 });
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = InProcessWorld.Service, Operation = "$reindex", Delay = TimeSpan.FromSeconds(30) });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForJobAsync(Name, job => job.Status is { Submission: { State: SubmissionState.Sending, Attempt: 2 } }, cancellationToken);
        var (exitCode, captured) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "get", "reindexjob", Name, "-o", "yaml");

        exitCode.Should().Be(0, captured);
        var status = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(captured)["status"];
        status["phase"].Should().Be(nameof(ReindexPhase.Stalled), captured);
        ((Dictionary<object, object>)status["submission"])["state"].Should().Be(nameof(SubmissionState.Sending), captured);
        var message = (string)status["message"];
        var (luaExitCode, output) = await ArgoCdHealthCheck.RunAsync(captured, "Degraded", message, cancellationToken);
        output.Should().Contain("1 passed, 0 failed", captured);
        luaExitCode.Should().Be(0, output);
        if (ArgoCdHealthCheck.UpdateRequested)
        {
            await ArgoCdHealthCheck.WriteTestDataAsync("stalled-retrying", captured, cancellationToken);
        }
    }

    /// <summary>
    /// Watches the world's ReindexJobs from now on, as <c>kubectl get -w</c> does, and adds each version of the job to
    /// <paramref name="seen"/>; the task returned ends when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    private static async Task<Task> StartWatchAsync(InProcessWorld world, List<ReindexJob> seen, CancellationToken cancellationToken)
    {
        var list = (JsonElement)await world.Client.CustomObjects.ListNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexJob.Plural, cancellationToken: cancellationToken);
        var from = list.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var events = world.Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, OperatorWorld.Namespace, ReindexJob.Plural, resourceVersion: from, timeoutSeconds: 120, cancellationToken: cancellationToken);
        return Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var (type, item) in events)
                    {
                        var job = KubernetesJson.Deserialize<ReindexJob>(((JsonElement)item).GetRawText());
                        if (type is WatchEventType.Added or WatchEventType.Modified && job.Metadata.Name == Name)
                        {
                            lock (seen)
                            {
                                seen.Add(job);
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
            },
            CancellationToken.None);
    }

    private static List<ReindexJob> Seen(List<ReindexJob> seen)
    {
        lock (seen)
        {
            return [.. seen];
        }
    }

    /// <summary>The phases in the order seen, a phase seen several times in a row once.</summary>
    private static List<ReindexPhase?> Phases(IEnumerable<ReindexJobStatus> statuses)
        => statuses.Select(status => status.Phase).Aggregate(new List<ReindexPhase?>(), (phases, phase) =>
        {
            if (phases.Count == 0 || phases[^1] != phase)
            {
                phases.Add(phase);
            }

            return phases;
        });

    private static DateTime? Since(ReindexJobStatus status, string type) => status.Conditions.Single(condition => condition.Type == type).LastTransitionTime;

    private static bool IsTrue(ReindexJobStatus status, string type) => status.Conditions.Single(condition => condition.Type == type).Status == "True";
}
