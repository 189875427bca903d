using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.World;
using YamlDotNet.Serialization;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// Real jobs, driven by the real operator (its host in this process) against the simulator into each phase that can
/// be reached quickly, read back as <c>kubectl get -o yaml</c> shows them and judged by config/argocd/health.lua. With
/// <c>UPDATE_ARGOCD_TESTDATA=1</c> each captured object replaces config/argocd/testdata/&lt;phase&gt;.yaml. ReindexPlans
/// likewise, in each state Argo CD must tell apart, as testdata/plan-&lt;state&gt;.yaml.
/// </summary>
public sealed class ArgoCdHealthFromRealOutputTests
{
    private const string Name = "organization-reindex";

    /// <summary>
    /// A refused job stays Stalled through its retries, which the harness schedules from 500 ms on, but each retry
    /// rewrites its message (the attempt under way, then the refusal again); this test's Stalled job retries after 10
    /// minutes, so the capture finds the message of the first refusal.
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
        await using var world = await InProcessWorld.StartAsync(
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

    private static IEnumerable<TestCaseData> PlanStates() =>
    [
        PlanCase(PlanState.NoStatus, "Progressing"),
        PlanCase(PlanState.GenerationNotObserved, "Progressing"),
        PlanCase(PlanState.Running, "Progressing"),
        PlanCase(PlanState.Succeeded, "Healthy"),
        PlanCase(PlanState.FailedContinue, "Degraded"),
        PlanCase(PlanState.FailedStopOnFirstFailure, "Degraded"),
        PlanCase(PlanState.StalledSelectorMatchesNothing, "Degraded"),
        PlanCase(PlanState.StalledServiceMissing, "Degraded"),
        PlanCase(PlanState.PendingDeletion, "Progressing"),
    ];

    /// <summary>
    /// The plan fixtures are kept honest twice: the object the real operator produces now gets the health and message
    /// that health_test.yaml expects for the fixture, and its status (phase, message, counts, targets, children,
    /// conditions; not times, uids or job ids) is the fixture's.
    /// </summary>
    [TestCaseSource(nameof(PlanStates))]
    [CancelAfter(120_000)]
    public async Task A_plan_in_this_state_as_kubectl_shows_it_is_its_fixture_and_gets_the_expected_Argo_CD_health(
        PlanState state, string expectedHealth, CancellationToken cancellationToken)
    {
        var inputPath = $"testdata/{PlanFixture(state)}.yaml";
        var expected = ArgoCdHealthCheck.ExpectedHealth(inputPath);
        expected.Should().NotBeNull($"health_test.yaml needs a case for {inputPath}");
        expected!.Value.Status.Should().Be(expectedHealth);
        await using var world = await InProcessWorld.StartAsync(cancellationToken, simulator: PlanWorld.Servers(PlanServices), startOperator: false);
        await world.CreatePlanServicesAsync(PlanServices, cancellationToken);
        if (state != PlanState.NoStatus)
        {
            await world.StartOperatorAsync(cancellationToken);
        }

        await DriveAsync(world, state, cancellationToken);

        var (exitCode, captured) = await Kubectl.RunAsync(world.KubeconfigPath, cancellationToken, "get", "reindexplan", PlanName, "-o", "yaml");
        exitCode.Should().Be(0, captured);
        if (ArgoCdHealthCheck.UpdateRequested)
        {
            await ArgoCdHealthCheck.WriteTestDataAsync(PlanFixture(state), captured, cancellationToken);
        }

        var (luaExitCode, output) = await ArgoCdHealthCheck.RunAsync(captured, expected.Value.Status, expected.Value.Message, cancellationToken);

        output.Should().Contain("1 passed, 0 failed", captured);
        luaExitCode.Should().Be(0, output);
        var fixture = await File.ReadAllTextAsync(Path.Combine(ArgoCdHealthCheck.Folder, inputPath), cancellationToken);
        Essence(captured).Should().Be(Essence(fixture), $"{inputPath} is what the operator writes today (recapture with {ArgoCdHealthCheck.UpdateVariable}=1)");
    }

    public enum PlanState
    {
        NoStatus,
        GenerationNotObserved,
        Running,
        Succeeded,
        FailedContinue,
        FailedStopOnFirstFailure,
        StalledSelectorMatchesNothing,
        StalledServiceMissing,
        PendingDeletion,
    }

    private const string PlanName = "fut";
    private static readonly string[] PlanServices = ["careplan", "device", "task"];

    private static TestCaseData PlanCase(PlanState state, string health)
        => new TestCaseData(state, health).SetArgDisplayNames(state.ToString(), health);

    /// <summary>plan-&lt;state in kebab case&gt;, for example plan-failed-stop-on-first-failure.</summary>
    private static string PlanFixture(PlanState state)
        => "plan" + string.Concat(state.ToString().Select(letter => char.IsUpper(letter) ? "-" + char.ToLowerInvariant(letter) : letter.ToString()));

    private static async Task DriveAsync(InProcessWorld world, PlanState state, CancellationToken cancellationToken)
    {
        var controls = world.Simulator.Controls;
        var everyService = new PlanTargets { Services = [.. PlanServices] };
        foreach (var service in PlanServices)
        {
            controls.SetServiceScript(service, state is PlanState.Running or PlanState.GenerationNotObserved
                ? JobScript.ByPolls([(ReindexJobState.InProgress, 100_000)])
                : JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        }

        var failing = state switch
        {
            PlanState.FailedContinue => "device",
            PlanState.FailedStopOnFirstFailure => "careplan",
            _ => null,
        };
        if (failing is not null)
        {
            controls.SetServiceScript(failing, JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Failed, errorMessage: JobScript.DefaultFailureMessage));
        }

        switch (state)
        {
            case PlanState.NoStatus:
                // No operator runs: the plan is as the API server stored it.
                await world.CreatePlanAsync(PlanName, everyService, cancellationToken);
                return;
            case PlanState.GenerationNotObserved:
                // The operator saw generation 1 and is gone when the spec changes.
                await world.CreatePlanAsync(PlanName, everyService, cancellationToken, maxConcurrent: 1);
                await world.WaitForPlanAsync(PlanName, plan => plan.Status?.Children.Count(row => row.Phase == PlanChildPhase.Running) == 1, cancellationToken);
                await world.StopOperatorAsync();
                await world.PatchPlanAsync(PlanName, new { spec = new { maxConcurrentTargets = 2 } }, cancellationToken);
                return;
            case PlanState.Running:
                await world.CreatePlanAsync(PlanName, everyService, cancellationToken, maxConcurrent: 2);
                await world.WaitForPlanAsync(PlanName, plan => plan.Status?.Children.Count(row => row.Phase == PlanChildPhase.Running) == 2, cancellationToken);
                return;
            case PlanState.Succeeded:
            case PlanState.FailedContinue:
                await world.CreatePlanAsync(PlanName, everyService, cancellationToken, maxConcurrent: 1);
                break;
            case PlanState.FailedStopOnFirstFailure:
                await world.CreatePlanAsync(PlanName, everyService, cancellationToken, maxConcurrent: 1, policy: PlanFailurePolicy.StopOnFirstFailure);
                break;
            case PlanState.StalledSelectorMatchesNothing:
                await world.CreatePlanAsync(
                    PlanName, new PlanTargets { Selector = new ServiceSelector { MatchLabels = new Dictionary<string, string> { ["fhir.fut.dk/reindex"] = "true" } } }, cancellationToken);
                await world.WaitForPlanAsync(PlanName, plan => plan.Status?.Phase == PlanPhase.Stalled, cancellationToken);
                return;
            case PlanState.StalledServiceMissing:
                await world.CreatePlanAsync(PlanName, new PlanTargets { Services = ["careplan", "billing"] }, cancellationToken);
                await world.WaitForPlanAsync(PlanName, plan => plan.Status?.Phase == PlanPhase.Stalled, cancellationToken);
                return;
            case PlanState.PendingDeletion:
                // Another controller's finalizer holds the deleted plan (as Argo CD's resources-finalizer does).
                await world.CreatePlanAsync(PlanName, everyService, cancellationToken, finalizers: ["example.org/hold"]);
                await world.WaitForPlanAsync(PlanName, plan => plan.Status?.CompletionTime is not null, cancellationToken);
                await world.DeletePlanAsync(PlanName, cancellationToken);
                await world.WaitForPlanAsync(PlanName, plan => plan.Metadata.DeletionTimestamp is not null, cancellationToken);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }

        await world.WaitForPlanAsync(PlanName, plan => plan.Status?.CompletionTime is not null, cancellationToken);
    }

    /// <summary>What a fixture promises about the operator's output: the generations, deletion and status, without times, uids or job ids.</summary>
    private static string Essence(string objectYaml)
    {
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(objectYaml);
        var metadata = (Dictionary<object, object>)root["metadata"];
        var lines = new List<string>
        {
            $"generation: {metadata.GetValueOrDefault("generation")}",
            $"deleting: {metadata.ContainsKey("deletionTimestamp")}",
        };
        if (root.GetValueOrDefault("status") is Dictionary<object, object> status)
        {
            foreach (var field in (string[])["phase", "message", "observedGeneration", "lastHandledRerun"])
            {
                lines.Add($"{field}: {status.GetValueOrDefault(field)}");
            }

            if (status.GetValueOrDefault("counts") is Dictionary<object, object> counts)
            {
                lines.Add("counts: " + string.Join(", ", counts.OrderBy(count => (string)count.Key, StringComparer.Ordinal).Select(count => $"{count.Key}={count.Value}")));
            }

            if (status.GetValueOrDefault("targets") is List<object> targets)
            {
                lines.Add("targets: " + string.Join(", ", targets));
            }

            lines.AddRange(Rows(status, "children", "service", "name", "phase"));
            lines.AddRange(Rows(status, "conditions", "type", "status", "reason", "message", "observedGeneration"));
        }

        return string.Join('\n', lines);
    }

    private static IEnumerable<string> Rows(Dictionary<object, object> status, string field, params string[] columns)
        => status.GetValueOrDefault(field) is List<object> rows
            ? rows.Cast<Dictionary<object, object>>().Select(row => $"{field}: " + string.Join(" | ", columns.Select(column => row.GetValueOrDefault(column))))
            : [];

    private static TestCaseData Case(ReindexPhase phase, string health)
        => new TestCaseData(phase, health).SetArgDisplayNames(phase.ToString(), health);

    private static async Task DriveAsync(InProcessWorld world, ReindexPhase phase, CancellationToken cancellationToken)
    {
        var controls = world.Simulator.Controls;
        switch (phase)
        {
            case ReindexPhase.Pending:
                // A peer on the same FHIR base holds the only slot, so this job waits for a free one.
                controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 100_000)]));
                await world.CreateJobAsync("organization-earlier", InProcessWorld.Spec(), cancellationToken);
                await world.WaitForPhaseAsync("organization-earlier", ReindexPhase.Running, cancellationToken);
                await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
                await world.WaitForJobAsync(
                    Name, job => job.Status?.Phase == ReindexPhase.Pending && job.Status.Message?.StartsWith("waiting for a free slot", StringComparison.Ordinal) == true, cancellationToken);
                return;
            case ReindexPhase.Submitting:
                // The POST hangs in the mesh, so the job stays in Submitting for the capture.
                controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Service = InProcessWorld.Service, Operation = "$reindex", Count = 1, Delay = TimeSpan.FromSeconds(60) });
                await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
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
                controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
                break;
            case ReindexPhase.Failed:
                controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Failed, errorMessage: JobScript.DefaultFailureMessage));
                break;
            case ReindexPhase.Cancelled:
                // HAPI ends a job CANCELLED after a cancel request; the simulator's script shows that end.
                controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Cancelled));
                break;
            case ReindexPhase.Lost:
                var polled = await StuckInAsync(world, ReindexJobState.InProgress, ReindexPhase.Running, cancellationToken);
                controls.Purge(polled.Status!.JobId!).Should().BeTrue();
                break;
            case ReindexPhase.Stalled:
                controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = InProcessWorld.Service });
                break;
            default:
                break;
        }

        if (phase is not ReindexPhase.Lost)
        {
            await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        }

        await world.WaitForPhaseAsync(Name, phase, cancellationToken);
    }

    private static async Task<ReindexJob> StuckInAsync(InProcessWorld world, ReindexJobState state, ReindexPhase phase, CancellationToken cancellationToken)
    {
        // Poll-driven, so the job shows the state at once and for longer than any test runs.
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(state, 100_000)]));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        return await world.WaitForJobAsync(Name, job => job.Status?.Phase == phase && job.Status.Polls > 0, cancellationToken);
    }
}
