using System.Text.Json.Nodes;
using FutReindexOperator.Admission;
using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Tests.Decisions;

namespace FutReindexOperator.Tests.Properties.Decisions;

/// <summary>
/// The shrunk counterexamples the decision's properties found, each kept as a specification of its own
/// (see <see cref="ReindexDeciderProperties"/>).
/// </summary>
public sealed class ReindexDeciderCounterexampleTests
{
    [Test]
    public void HandWrittenStatus_SubmissionAndRetryWithoutCounts_IsWrittenBackWithinTheSchema()
    {
        // Shrunk from A_decision_never_throws_and_keeps_every_invariant: `submission: {state: Sending}` and
        // `retry: {reason: ""}` patched by hand were written back with attempt 0 and count 0, which the API server
        // refuses (minimum 1), so every later status write of the job failed.
        var job = JobWithStatus("""{"phase":"Queued","submission":{"startedAt":"2025-04-16T08:36:07Z","state":"Sending"},"startTime":"2026-12-04T09:00:00Z","retry":{"reason":"","since":"2026-12-04T09:00:00Z"},"serverError":{"firstSeen":"2026-12-04T09:00:00Z","message":"x"}}""");

        var decision = ReindexDecider.Decide(job, DecisionCases.Observe(submission: new SubmitOutcome.MaybeSent("timeout")), DecisionCases.T0, DecisionCases.Policy);

        foreach (var status in DecisionGen.WrittenStatuses(decision))
        {
            FluentActions.Invoking(() => DecisionChecks.StatusPassesSchema(status)).Should().NotThrow();
        }
    }

    [Test]
    public void HugeDurationTheSchemaAccepts_IsReadByTheModel()
    {
        // Shrunk from Every_job_the_schema_accepts_is_read_by_the_model (issue 13, case 1): the CRD's duration pattern
        // accepts any number of digits.
        var json = Job();
        json["spec"]!["polling"] = new JsonObject { ["deadline"] = "9999999999h", ["maxInterval"] = "167402680496352446049380s975465023001847395391811.2743h" };

        FluentActions.Invoking(() => DecisionGen.Read(json)).Should().NotThrow();
    }

    [Test]
    public void RerunTokenLongerThanTheStatusField_IsWrittenWithinTheSchema()
    {
        // Shrunk from Runs_keep_their_promises_over_generated_histories (issue 13, case 9): a rerun annotation of 300
        // characters was copied into status.lastHandledRerun (at most 256).
        var job = DecisionCases.Job(DecisionCases.Tracking(ReindexPhase.Succeeded) with { CompletionTime = DecisionCases.T0.AddMinutes(-1) }, rerun: new string('r', 300));

        var decision = ReindexDecider.Decide(job, DecisionCases.Observe(), DecisionCases.T0, DecisionCases.Policy);

        foreach (var status in DecisionGen.WrittenStatuses(decision))
        {
            FluentActions.Invoking(() => DecisionChecks.StatusPassesSchema(status)).Should().NotThrow();
        }
    }

    [Test]
    public void HandWrittenAcceptedSubmissionWithoutJobId_EndsTheRunWithoutSubmittingAgain()
    {
        // Shrunk from A_decision_never_throws_and_keeps_every_invariant (seed 6bm_OR2jY6g2, I2): `submission: {state:
        // Accepted}` without a job id in a run still going led to a second POST without DuplicatePossible recorded. The
        // operator writes Accepted without a job id only as it ends a run Untrackable, so the status was changed by hand.
        var job = JobWithStatus("""{"phase":"Submitting","submission":{"attempt":1,"startedAt":"2026-04-16T11:26:30Z","state":"Accepted"},"startTime":"2026-04-16T11:26:30Z"}""");

        var decision = ReindexDecider.Decide(job, DecisionCases.Observe(), DecisionCases.T0, DecisionCases.Policy);

        decision.Next.Should().NotBeOfType<ReindexStep.Submit>();
        var status = decision.WrittenStatus();
        status.Phase.Should().Be(ReindexPhase.Failed);
        status.Message.Should().Contain("status.submission.state").And.Contain("status.jobId");
        status.Conditions.Should().Contain(c => c.Type == ReindexConditions.Failed && c.Reason == ConditionReasons.InvalidStatus);
        decision.Next.Should().Be(new ReindexStep.Done());
    }

    [Test]
    public void BasePathWhoseDotSegmentFollowsAnEmptySegment_CountsAsTheBaseItsRequestsGoTo()
    {
        // Shrunk from Jobs_whose_base_paths_resolve_to_the_same_FHIR_base_share_the_per_target_limit (seed 8Fy9SQ0y2Mr2,
        // I4): `/F/.//..` was keyed as `/` (repeated slashes merged before `..` was resolved), while System.Uri, which
        // builds the request URL, keeps the empty segment, so `..` removes it and the requests go to `/F/`.
        var job = DecisionCases.Job(spec: spec => spec.Target.BasePath = "/F/.//..");
        var sameBase = DecisionCases.Job(spec: spec => spec.Target.BasePath = "/F/");
        var root = DecisionCases.Job(spec: spec => spec.Target.BasePath = "/");

        PeerJob.SameTarget(job, sameBase).Should().BeTrue();
        PeerJob.SameTarget(job, root).Should().BeFalse();
    }

    private static JsonObject Job() => new()
    {
        ["apiVersion"] = "fhir.fut.dk/v1alpha1",
        ["kind"] = "ReindexJob",
        ["metadata"] = new JsonObject { ["name"] = "organizations", ["namespace"] = "fut", ["uid"] = "uid-organizations", ["generation"] = 1, ["resourceVersion"] = "7", ["creationTimestamp"] = "2026-04-16T11:26:00Z" },
        ["spec"] = new JsonObject { ["target"] = new JsonObject { ["service"] = "organization" }, ["urls"] = new JsonArray("Organization?"), ["auth"] = new JsonObject { ["none"] = new JsonObject() } },
    };

    private static ReindexJob JobWithStatus(string status)
    {
        var json = Job();
        json["status"] = JsonNode.Parse(status);
        return DecisionGen.Read(json);
    }
}
