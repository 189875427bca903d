using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.Tests.InProcess;

public sealed class ServerAnswerTests
{
    private const string Name = "reindex";

    [Test]
    [CancelAfter(90_000)]
    public async Task A_400_ends_the_job_as_Failed_with_HAPIs_diagnostics(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, simulator: options => options.Hapi.SupportedResourceTypes.Remove("Patient"));

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Failed, cancellationToken);

        job.Status!.Message.Should().Contain("HTTP 400").And.Contain("Resource type Patient is not supported");
        job.IsTrue(ReindexConditions.Failed).Should().BeTrue();
        job.Condition(ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.ServerRejected);
        job.Status.CompletionTime.Should().NotBeNull();
        var events = await world.WaitForEventAsync(Name, EventReasons.Failed, cancellationToken);
        events.Should().Contain(item => item.Reason == EventReasons.Failed && item.Type == "Warning" && item.Note.Contains("Resource type Patient is not supported"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_401_renews_the_token_once_then_the_job_is_Stalled(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        await world.CreateSecretAsync("expired-token", new Dictionary<string, string> { ["token"] = UnsignedToken.Create(DateTimeOffset.UtcNow.AddHours(-1), "SYSTEM") }, cancellationToken);
        var spec = InProcessWorld.Spec();
        spec.Auth.BearerToken!.SecretRef.Name = "expired-token";

        await world.CreateJobAsync(Name, spec, cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Stalled, cancellationToken);

        job.Condition(ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.Unauthorized);
        job.Status!.Message.Should().Contain("HTTP 401").And.Contain("even after renewing the token");
        var posts = world.Simulator.Controls.Requests.Where(request => request.Method == "POST" && request.Target == InProcessWorld.Service).ToList();
        posts.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(request => request.Status == 401);
        (await world.WaitForEventAsync(Name, EventReasons.AuthenticationFailed, cancellationToken))
            .Should().Contain(item => item.Reason == EventReasons.AuthenticationFailed && item.Note.Contains("renewing it and trying once more"));
        world.Simulator.Controls.Counters.Submissions.GetValueOrDefault(InProcessWorld.Service).Should().Be(0);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_FHIR_403_stalls_the_job_with_the_servers_reason(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        await world.CreateSecretAsync("patient-token", new Dictionary<string, string> { ["token"] = UnsignedToken.Create(DateTimeOffset.UtcNow.AddDays(1), "PATIENT") }, cancellationToken);
        var spec = InProcessWorld.Spec();
        spec.Auth.BearerToken!.SecretRef.Name = "patient-token";

        await world.CreateJobAsync(Name, spec, cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Stalled, cancellationToken);

        job.Condition(ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.Forbidden);
        job.Status!.Message.Should().Contain("HTTP 403").And.Contain("Operation not allowed for user type: PATIENT");
        (await world.WaitForEventAsync(Name, EventReasons.Forbidden, cancellationToken)).Should().Contain(item => item.Type == "Warning");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Envoys_RBAC_access_denied_stalls_the_job_with_the_reason(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RbacDenied, Service = InProcessWorld.Service });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Stalled, cancellationToken);

        job.Condition(ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.Forbidden);
        job.Status!.Message.Should().Contain("RBAC: access denied");
        world.Simulator.Controls.Counters.Submissions.GetValueOrDefault(InProcessWorld.Service).Should().Be(0);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_404_for_a_known_job_id_ends_the_job_as_Lost(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var running = await world.WaitForJobAsync(Name, job => job.Status?.JobId is not null && job.Status.Polls > 0, cancellationToken);

        world.Simulator.Controls.Purge(running.Status!.JobId!).Should().BeTrue();
        var lost = await world.WaitForPhaseAsync(Name, ReindexPhase.Lost, cancellationToken);

        lost.Status!.Message.Should().Contain($"does not know job {running.Status.JobId}").And.Contain("HAPI-2787");
        lost.IsTrue(ReindexConditions.Failed).Should().BeTrue();
        (await world.WaitForEventAsync(Name, EventReasons.Lost, cancellationToken)).Should().Contain(item => item.Type == "Warning");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Envoy_503_before_headers_on_the_POST_is_retried_and_exactly_one_job_is_created(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamConnectFailure, Service = InProcessWorld.Service, Operation = "$reindex", Count = 2 });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Requests.Count(request => request.Method == "POST" && request.Target == InProcessWorld.Service).Should().Be(3);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        job.Status!.Submission!.DuplicatePossible.Should().BeFalse();
        (await world.WaitForEventAsync(Name, EventReasons.Retrying, cancellationToken))
            .Should().Contain(item => item.Reason == EventReasons.Retrying && item.Note.Contains("upstream connect error"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_5xx_a_reset_and_a_429_while_polling_are_retried_and_the_job_still_succeeds(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Service = InProcessWorld.Service, Operation = "$hapi.fhir.reindex-status", Count = 1 });
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.ConnectionReset, Service = InProcessWorld.Service, Operation = "$hapi.fhir.reindex-status", Count = 1 });
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.RateLimited, Service = InProcessWorld.Service, Operation = "$hapi.fhir.reindex-status", Count = 1 });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        world.Simulator.Controls.Counters.Faults.Should().ContainKeys(nameof(EnvoyFault.NoHealthyUpstream), nameof(EnvoyFault.ConnectionReset), nameof(EnvoyFault.RateLimited));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_poll_that_times_out_is_retried_and_the_job_still_succeeds(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, settings: new Dictionary<string, string> { ["Reindex__Http__RequestTimeout"] = "00:00:00.500" });
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.Latency, Service = InProcessWorld.Service, Operation = "$hapi.fhir.reindex-status", Count = 1, Delay = TimeSpan.FromSeconds(3) });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        (await world.EventsAsync(Name, cancellationToken)).Should().Contain(item => item.Reason == EventReasons.Retrying && item.Note.Contains("could not get the job's state"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task An_ambiguous_504_after_the_job_was_created_resubmits_and_records_that_a_duplicate_is_possible(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Service = InProcessWorld.Service, Operation = "$reindex", Count = 1, AfterUpstream = true });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(2, "the 504 came after HAPI created the first job, and the default policy resubmits");
        job.Status!.Submission!.DuplicatePossible.Should().BeTrue();
        job.Status.Submission.Attempt.Should().Be(2);
        var events = await world.WaitForEventAsync(Name, EventReasons.Submitted, cancellationToken);
        events.Should().Contain(item => item.Reason == EventReasons.Retrying && item.Type == "Warning" && item.Note.Contains("may run this reindex twice"));
        events.Should().Contain(item => item.Reason == EventReasons.Submitted && item.Note.Contains("duplicate"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task With_RequireConfirmation_an_ambiguous_504_stalls_the_job_until_a_person_decides(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.UpstreamTimeout, Service = InProcessWorld.Service, Operation = "$reindex", Count = 1, AfterUpstream = true });
        var spec = InProcessWorld.Spec();
        spec.SubmissionRecovery = SubmissionRecoveryPolicy.RequireConfirmation;

        await world.CreateJobAsync(Name, spec, cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Stalled, cancellationToken);

        job.Condition(ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.SubmissionUncertain);
        job.Status!.Message.Should().Contain(ReindexJob.RerunAnnotation);
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_reset_after_the_job_was_created_is_handled_like_the_ambiguous_504(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        world.Simulator.Controls.AddFault(new FaultRule { Fault = EnvoyFault.ConnectionReset, Service = InProcessWorld.Service, Operation = "$reindex", Count = 1, AfterUpstream = true });

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(2);
        job.Status!.Submission!.DuplicatePossible.Should().BeTrue();
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_job_the_server_reports_as_failed_ends_as_Failed_with_the_servers_message_after_the_grace_period(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)], final: ReindexJobState.Failed, errorMessage: JobScript.DefaultFailureMessage));

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Failed, cancellationToken);

        job.Condition(ReindexConditions.Failed).Reason.Should().Be(ConditionReasons.ServerReportedFailure);
        job.Status!.Message.Should().Contain("HAPI-2790");
        job.Status.CompletionTime.Should().NotBeNull();
        world.Simulator.Controls.Requests.Count(request => request.Method == "GET" && request.Target == InProcessWorld.Service).Should().BeGreaterThanOrEqualTo(3, "FAILED is confirmed on a second poll, as HAPI shows ERRORED alike");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_job_that_errors_and_then_recovers_on_the_server_still_succeeds(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.Of(
            JobPhase.ForPolls(ReindexJobState.InProgress, 1),
            new JobPhase(ReindexJobState.Errored, Polls: 1, ErrorMessage: JobScript.DefaultFailureMessage),
            JobPhase.Forever(ReindexJobState.Completed)));

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync(Name, ReindexPhase.Succeeded, cancellationToken);

        (await world.WaitForEventAsync(Name, EventReasons.Retrying, cancellationToken)).Should().Contain(item => item.Note.Contains("may still retry"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_legacy_server_gets_the_job_id_recorded_and_the_job_marked_Untrackable(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, simulator: options => options.Hapi.Generation = HapiGeneration.Legacy);

        await world.CreateJobAsync(Name, InProcessWorld.Spec(), cancellationToken);
        var job = await world.WaitForPhaseAsync(Name, ReindexPhase.Untrackable, cancellationToken);

        job.Status!.JobId.Should().NotBeNullOrEmpty();
        job.Status.Message.Should().Contain("cannot be followed");
        job.IsTrue(ReindexConditions.Stalled).Should().BeTrue();
        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        world.Simulator.Controls.Requests.Should().NotContain(request => request.Method == "GET" && request.Target == InProcessWorld.Service);
    }
}
