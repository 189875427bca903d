using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Controls;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// <see cref="FhirReindexClient"/> over real HTTP against the HAPI simulator and its Envoy sidecar: every class of
/// answer the server and the mesh give turns into the outcome the reconcile decisions expect.
/// </summary>
public sealed class FhirClientAgainstSimulatorTests
{
    private const string Service = "organization";
    private static readonly ReindexJobSpec Spec = new() { Urls = ["Patient?"] };
    private static readonly string Token = UnsignedToken.Create(DateTimeOffset.UtcNow.AddDays(1), "SYSTEM");

    [TestCase(HapiGeneration.A)]
    [TestCase(HapiGeneration.B)]
    [CancelAfter(30_000)]
    public async Task A_current_server_accepts_the_POST_with_a_job_id_that_can_be_followed(HapiGeneration generation, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, options => options.Hapi.Generation = generation);

        var outcome = await SubmitAsync(server, Token, cancellationToken);

        var accepted = outcome.Should().BeOfType<SubmitOutcome.Accepted>().Subject;
        accepted.Trackable.Should().BeTrue();
        server.Controls.Jobs(Service).Should().ContainSingle().Which.Id.Should().Be(accepted.JobId);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_legacy_server_accepts_the_POST_with_a_job_id_that_cannot_be_followed_and_has_no_status_operation(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, options => options.Hapi.Generation = HapiGeneration.Legacy);

        var accepted = (await SubmitAsync(server, Token, cancellationToken)).Should().BeOfType<SubmitOutcome.Accepted>().Subject;
        var poll = await PollAsync(server, accepted.JobId, cancellationToken);

        accepted.Trackable.Should().BeFalse();
        server.Controls.Jobs(Service).Should().ContainSingle().Which.Id.Should().Be(accepted.JobId);
        poll.Should().BeOfType<PollOutcome.StatusUnsupported>();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_400_is_a_rejection_with_HAPIs_diagnostics(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, options => options.Hapi.SupportedResourceTypes.Remove("Patient"));

        var outcome = await SubmitAsync(server, Token, cancellationToken);

        var rejected = outcome.Should().BeOfType<SubmitOutcome.Rejected>().Subject;
        rejected.StatusCode.Should().Be(400);
        rejected.Diagnostics.Should().Contain("Resource type Patient is not supported");
        server.Controls.Jobs(Service).Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_expired_token_is_Unauthorized_on_the_POST_and_on_a_poll(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        var expired = UnsignedToken.Create(DateTimeOffset.UtcNow.AddHours(-1), "SYSTEM");
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);

        var submit = await SubmitAsync(server, expired, cancellationToken);
        var poll = await new FhirReindexClient(server.Http).PollAsync(server.Base, PollPaths.For(jobId), expired, cancellationToken);

        submit.Should().BeOfType<SubmitOutcome.Unauthorized>();
        poll.Should().BeOfType<PollOutcome.Unauthorized>();
        server.Controls.Jobs(Service).Should().ContainSingle("the refused POST started nothing");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_FHIR_403_is_Forbidden_with_the_servers_reason(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);

        var outcome = await SubmitAsync(server, UnsignedToken.Create(DateTimeOffset.UtcNow.AddDays(1), "PATIENT"), cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.Forbidden>().Which.Diagnostics.Should().Contain("Operation not allowed for user type: PATIENT");
        server.Controls.Jobs(Service).Should().BeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Envoys_RBAC_access_denied_is_Forbidden_on_the_POST_and_on_a_poll(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);
        server.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = Service });

        var submit = await SubmitAsync(server, Token, cancellationToken);
        var poll = await PollAsync(server, jobId, cancellationToken);

        submit.Should().BeOfType<SubmitOutcome.Forbidden>().Which.Diagnostics.Should().Contain("RBAC: access denied");
        poll.Should().BeOfType<PollOutcome.Forbidden>().Which.Diagnostics.Should().Contain("RBAC: access denied");
    }

    [TestCase(EnvoyFault.UpstreamConnectFailure, "upstream connect error")]
    [TestCase(EnvoyFault.NoHealthyUpstream, "no healthy upstream")]
    [TestCase(EnvoyFault.RateLimited, "429")]
    [CancelAfter(30_000)]
    public async Task An_Envoy_answer_that_proves_the_POST_never_reached_HAPI_is_NotSent(EnvoyFault fault, string cause, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        server.Controls.AddFault(new FaultRule { Fault = fault, Service = Service, Operation = "$reindex" });

        var outcome = await SubmitAsync(server, Token, cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Cause.Should().Contain(cause);
        server.Controls.Jobs(Service).Should().BeEmpty();
    }

    [TestCase(EnvoyFault.UpstreamTimeout)]
    [TestCase(EnvoyFault.ConnectionReset)]
    [CancelAfter(30_000)]
    public async Task A_504_or_a_reset_after_HAPI_created_the_job_is_MaybeSent(EnvoyFault fault, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        server.Controls.AddFault(new FaultRule { Fault = fault, Service = Service, Operation = "$reindex", AfterUpstream = true });

        var outcome = await SubmitAsync(server, Token, cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.MaybeSent>();
        server.Controls.Jobs(Service).Should().ContainSingle("HAPI created the job before the mesh failed the answer");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_POST_whose_answer_outlasts_the_client_timeout_is_MaybeSent(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, requestTimeout: TimeSpan.FromMilliseconds(300));
        server.Controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Service = Service, Operation = "$reindex", Delay = TimeSpan.FromSeconds(3) });

        var outcome = await SubmitAsync(server, Token, cancellationToken);

        outcome.Should().BeOfType<SubmitOutcome.MaybeSent>();
    }

    [TestCase(ReindexJobState.Queued, ServerJobState.Queued, HapiGeneration.A)]
    [TestCase(ReindexJobState.InProgress, ServerJobState.InProgress, HapiGeneration.A)]
    [TestCase(ReindexJobState.InProgress, ServerJobState.InProgress, HapiGeneration.B)]
    [TestCase(ReindexJobState.Finalize, ServerJobState.Finalizing, HapiGeneration.A)]
    [CancelAfter(30_000)]
    public async Task A_poll_of_a_job_that_has_not_ended_is_Progress_with_its_state(
        ReindexJobState state, ServerJobState expected, HapiGeneration generation, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, options => options.Hapi.Generation = generation);
        server.Controls.SetServiceScript(Service, JobScript.StuckIn(state));
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);
        // HAPI's maintenance passes move a job through its states, one state a pass.
        for (var pass = 0; pass < 3; pass++)
        {
            server.Controls.RunMaintenance();
        }

        server.Controls.Job(jobId)!.State.Should().Be(state);

        var outcome = await PollAsync(server, jobId, cancellationToken);

        outcome.Should().BeOfType<PollOutcome.Progress>().Which.State.Should().Be(expected);
    }

    [TestCase(ReportFormat.FutExample)]
    [TestCase(ReportFormat.Source)]
    [CancelAfter(30_000)]
    public async Task A_poll_of_a_completed_job_is_Succeeded_with_the_report(ReportFormat format, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, options => options.Hapi.ReportFormat = format);
        server.Controls.SetServiceScript(Service, JobScript.Of(JobPhase.Forever(ReindexJobState.Completed)));
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);

        var outcome = await PollAsync(server, jobId, cancellationToken);

        outcome.Should().BeOfType<PollOutcome.Succeeded>().Which.Report.ResourcesChanged.Should().BeGreaterThan(0);
    }

    [TestCase(ReindexJobState.Failed, FailedHttpStyle.Bundle200)]
    [TestCase(ReindexJobState.Failed, FailedHttpStyle.OperationOutcome500)]
    [TestCase(ReindexJobState.Errored, FailedHttpStyle.Bundle200)]
    [TestCase(ReindexJobState.Errored, FailedHttpStyle.OperationOutcome500)]
    [CancelAfter(30_000)]
    public async Task A_poll_of_a_failed_or_errored_job_is_FailedOrErrored_with_the_servers_message(
        ReindexJobState state, FailedHttpStyle style, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken, options => options.Hapi.FailedHttpStyle = style);
        server.Controls.SetServiceScript(Service, JobScript.Of(new JobPhase(state, ErrorMessage: JobScript.DefaultFailureMessage)));
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);

        var outcome = await PollAsync(server, jobId, cancellationToken);

        outcome.Should().BeOfType<PollOutcome.FailedOrErrored>().Which.Message.Should().Contain("HAPI-2790");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_poll_of_a_cancelled_job_is_Cancelled(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        server.Controls.SetServiceScript(Service, JobScript.StuckIn(ReindexJobState.InProgress));
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);
        server.Controls.Cancel(jobId).Should().BeTrue();
        server.Controls.RunMaintenance();

        var outcome = await PollAsync(server, jobId, cancellationToken);

        outcome.Should().BeOfType<PollOutcome.Cancelled>();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_poll_of_a_job_the_server_no_longer_knows_is_Lost(CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);
        server.Controls.Purge(jobId).Should().BeTrue();

        var outcome = await PollAsync(server, jobId, cancellationToken);

        outcome.Should().BeOfType<PollOutcome.Lost>().Which.Diagnostics.Should().Contain("HAPI-2787");
    }

    [TestCase(EnvoyFault.UpstreamConnectFailure)]
    [TestCase(EnvoyFault.NoHealthyUpstream)]
    [TestCase(EnvoyFault.UpstreamTimeout)]
    [TestCase(EnvoyFault.RateLimited)]
    [TestCase(EnvoyFault.ConnectionReset)]
    [CancelAfter(30_000)]
    public async Task A_mesh_fault_on_a_poll_is_Transient(EnvoyFault fault, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(cancellationToken);
        var jobId = await SubmittedJobIdAsync(server, cancellationToken);
        server.Controls.AddFault(new FaultRule { Fault = fault, Service = Service, Operation = "$hapi.fhir.reindex-status" });

        var outcome = await PollAsync(server, jobId, cancellationToken);

        outcome.Should().BeOfType<PollOutcome.Transient>();
    }

    private static async Task<SimulatedServer> StartAsync(CancellationToken cancellationToken, Action<HapiSimulatorOptions>? configure = null, TimeSpan? requestTimeout = null)
    {
        var options = new HapiSimulatorOptions { Services = [Service], AutomaticMaintenance = false };
        configure?.Invoke(options);
        var simulator = await HapiFhirSimulator.StartAsync(options, null, cancellationToken);
        var http = new HttpClient(FhirReindexClient.CreatePrimaryHandler()) { Timeout = requestTimeout ?? TimeSpan.FromSeconds(10) };
        return new SimulatedServer(simulator, http, new FhirBase(simulator.ServiceBase(Service)));
    }

    private static Task<SubmitOutcome> SubmitAsync(SimulatedServer server, string token, CancellationToken cancellationToken)
        => new FhirReindexClient(server.Http).SubmitAsync(server.Base, Spec, token, cancellationToken);

    private static Task<PollOutcome> PollAsync(SimulatedServer server, string jobId, CancellationToken cancellationToken)
        => new FhirReindexClient(server.Http).PollAsync(server.Base, PollPaths.For(jobId), Token, cancellationToken);

    private static async Task<string> SubmittedJobIdAsync(SimulatedServer server, CancellationToken cancellationToken)
        => (await SubmitAsync(server, Token, cancellationToken)).Should().BeOfType<SubmitOutcome.Accepted>().Subject.JobId;

    private sealed record SimulatedServer(HapiFhirSimulator Simulator, HttpClient Http, FhirBase Base) : IAsyncDisposable
    {
        public SimulatorControls Controls => Simulator.Controls;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Simulator.DisposeAsync();
        }
    }
}
