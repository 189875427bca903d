using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using YamlDotNet.Serialization;

namespace FutReindexOperator.IntegrationTests.Flows;

/// <summary>
/// Real jobs, driven by the real operator process against the simulator into each phase that can be reached
/// quickly, read back as <c>kubectl get -o yaml</c> shows them and judged by config/argocd/health.lua. With
/// <c>UPDATE_ARGOCD_TESTDATA=1</c> each captured object replaces config/argocd/testdata/&lt;phase&gt;.yaml.
/// </summary>
[Category("E2E")]
public sealed class ArgoCdHealthFromRealOutputTests
{
    private const string Name = "organization-reindex";

    /// <summary>
    /// A refused job is Stalled until its retry, which the harness schedules 500 ms later (then Submitting again); this
    /// test's Stalled job retries after 10 minutes, so the capture finds it still Stalled.
    /// </summary>
    private static readonly Dictionary<string, string> RefusedRetryLongerThanTheTest = new(StringComparer.Ordinal)
    {
        ["Reindex__RefusedRetryBase"] = "00:10:00",
        ["Reindex__RefusedRetryCap"] = "00:10:00",
    };

    private static IEnumerable<TestCaseData> Phases() =>
    [
        Case(ReindexPhase.Pending, "Progressing"),
        Case(ReindexPhase.Submitting, "Progressing"),
        Case(ReindexPhase.Queued, "Progressing"),
        Case(ReindexPhase.Running, "Progressing"),
        Case(ReindexPhase.Finalizing, "Progressing"),
        Case(ReindexPhase.Succeeded, "Healthy"),
        Case(ReindexPhase.Failed, "Degraded"),
        Case(ReindexPhase.Cancelled, "Degraded"),
        Case(ReindexPhase.Lost, "Degraded"),
        Case(ReindexPhase.Untrackable, "Degraded"),
        Case(ReindexPhase.Stalled, "Degraded"),
    ];

    [TestCaseSource(nameof(Phases))]
    [CancelAfter(90_000)]
    public async Task A_job_in_this_phase_as_kubectl_shows_it_gets_the_expected_Argo_CD_health_with_a_message(
        ReindexPhase phase, string expectedHealth, CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(
            cancellationToken,
            simulator: options =>
            {
                if (phase == ReindexPhase.Untrackable)
                {
                    options.Hapi.Generation = HapiGeneration.Legacy;
                }
            },
            settings: phase == ReindexPhase.Stalled ? RefusedRetryLongerThanTheTest : null);
        await DriveAsync(world, phase, cancellationToken);

        var (exitCode, captured) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "get", "reindexjob", Name, "-o", "yaml");
        exitCode.Should().Be(0, captured);
        var status = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(captured)["status"];
        status["phase"].Should().Be(phase.ToString(), captured);
        var message = status["message"] as string;
        message.Should().NotBeNullOrWhiteSpace(captured);

        var (luaExitCode, output) = await ArgoCdHealthCheck.RunAsync(captured, expectedHealth, message!, cancellationToken);

        output.Should().Contain("1 passed, 0 failed", captured);
        luaExitCode.Should().Be(0, output);
        if (ArgoCdHealthCheck.UpdateRequested)
        {
            await ArgoCdHealthCheck.WriteTestDataAsync(phase.ToString(), captured, cancellationToken);
        }
    }

    private static TestCaseData Case(ReindexPhase phase, string health)
        => new TestCaseData(phase, health).SetArgDisplayNames(phase.ToString(), health);

    private static async Task DriveAsync(OperatorHarness world, ReindexPhase phase, CancellationToken cancellationToken)
    {
        var controls = world.Simulator.Controls;
        switch (phase)
        {
            case ReindexPhase.Pending:
                // A peer on the same FHIR base holds the only slot, so this job waits for it by name.
                controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 100_000)]));
                await world.CreateJobAsync("organization-earlier", OperatorHarness.Spec(), cancellationToken);
                await world.WaitForPhaseAsync("organization-earlier", ReindexPhase.Running, cancellationToken);
                await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
                await world.WaitForJobAsync(
                    Name, job => job.Status?.Phase == ReindexPhase.Pending && job.Status.Message?.Contains("organization-earlier", StringComparison.Ordinal) == true, cancellationToken);
                return;
            case ReindexPhase.Submitting:
                // The POST hangs in the mesh, so the job stays in Submitting for the capture.
                controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Service = OperatorHarness.Service, Operation = "$reindex", Count = 1, Delay = TimeSpan.FromSeconds(60) });
                await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
                await world.WaitForPhaseAsync(Name, ReindexPhase.Submitting, cancellationToken);
                return;
            case ReindexPhase.Queued:
                await StuckInAsync(world, ReindexJobState.Queued, phase, cancellationToken);
                return;
            case ReindexPhase.Running:
                await StuckInAsync(world, ReindexJobState.InProgress, phase, cancellationToken);
                return;
            case ReindexPhase.Finalizing:
                await StuckInAsync(world, ReindexJobState.Finalize, phase, cancellationToken);
                return;
            case ReindexPhase.Succeeded:
                controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
                break;
            case ReindexPhase.Failed:
                controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Failed, errorMessage: JobScript.DefaultFailureMessage));
                break;
            case ReindexPhase.Cancelled:
                // HAPI ends a job CANCELLED after a cancel request; the simulator's script shows that end.
                controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Cancelled));
                break;
            case ReindexPhase.Lost:
                var polled = await StuckInAsync(world, ReindexJobState.InProgress, ReindexPhase.Running, cancellationToken);
                controls.Purge(polled.Status!.JobId!).Should().BeTrue();
                break;
            case ReindexPhase.Stalled:
                controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = OperatorHarness.Service });
                break;
            default:
                break;
        }

        if (phase is not ReindexPhase.Lost)
        {
            await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
        }

        await world.WaitForPhaseAsync(Name, phase, cancellationToken);
    }

    private static async Task<ReindexJob> StuckInAsync(OperatorHarness world, ReindexJobState state, ReindexPhase phase, CancellationToken cancellationToken)
    {
        // Poll-driven, so the job shows the state at once and for longer than any test runs.
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(state, 100_000)]));
        await world.CreateJobAsync(Name, OperatorHarness.Spec(), cancellationToken);
        return await world.WaitForJobAsync(Name, job => job.Status?.Phase == phase && job.Status.Polls > 0, cancellationToken);
    }
}
