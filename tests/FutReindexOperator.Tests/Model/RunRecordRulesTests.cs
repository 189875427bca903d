using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Generators.Schema;
using FutReindexOperator.Testing.KubeApiServer.Cel;

namespace FutReindexOperator.Tests.Model;

/// <summary>
/// The committed CRD's status rules (<see cref="RunRecordRules"/>) on the writes that matter, as the API test server
/// evaluates them: the hand edits they refuse and the operator's writes they let through.
/// </summary>
public sealed class RunRecordRulesTests
{
    private static readonly CompiledRules Rules = CompiledRules.Compile(CrdSchema.ReindexJob().Root);

    /// <summary>A run after its POST: the marker Accepted, the job id recorded.</summary>
    private const string Running = """
        {"phase":"Running","lastHandledRerun":"r1","runGeneration":1,"startTime":"2026-12-05T10:00:00Z",
         "submission":{"attempt":1,"startedAt":"2026-12-05T10:00:00Z","state":"Accepted","duplicatePossible":false},
         "jobId":"42","pollPath":"$hapi.fhir.reindex-status?_jobId=42"}
        """;

    /// <summary>The same run before its POST: Pending, no marker, no job id.</summary>
    private const string BeforeThePost = """{"phase":"Pending","lastHandledRerun":"r1","message":"waiting for a free slot"}""";

    [Test]
    public void The_status_copied_before_the_POST_put_back_after_it_is_refused_naming_the_job_id_and_the_marker()
        => Refusals(BeforeThePost, Running).Should().Equal(RunRecordRules.JobIdKeptMessage, RunRecordRules.MarkerKeptMessage);

    [Test]
    public void The_same_copy_with_another_rerun_value_is_refused_while_the_run_is_under_way()
        => Refusals("""{"phase":"Pending","lastHandledRerun":"r2"}""", Running).Should().Equal(RunRecordRules.RunKeptWhileUnderWayMessage);

    [Test]
    public void A_lowered_attempt_is_refused()
        => Refusals(
                """{"lastHandledRerun":"r1","submission":{"attempt":2,"state":"NotSent"}}""",
                """{"lastHandledRerun":"r1","submission":{"attempt":3,"state":"Sending"}}""")
            .Should().Equal(RunRecordRules.MarkerKeptMessage);

    [Test]
    public void A_job_id_set_to_null_counts_as_removed()
        => Refusals("""{"lastHandledRerun":"r1","jobId":null,"submission":{"attempt":1}}""", """{"lastHandledRerun":"r1","jobId":"42","submission":{"attempt":1}}""")
            .Should().Equal(RunRecordRules.JobIdKeptMessage);

    [Test]
    public void A_stored_null_job_id_counts_as_absent_so_the_operator_may_record_one()
        => Refusals("""{"lastHandledRerun":"r1","jobId":"42","submission":{"attempt":1,"state":"Accepted"}}""", """{"lastHandledRerun":"r1","jobId":null,"submission":{"attempt":1}}""")
            .Should().BeEmpty();

    [Test]
    public void The_operators_rerun_of_an_ended_run_clears_the_job_id_and_marker()
        => Refusals("""{"phase":"Pending","lastHandledRerun":"r2"}""", Running.Replace("\"Running\"", "\"Succeeded\"", StringComparison.Ordinal)).Should().BeEmpty();

    [Test]
    public void The_operators_rerun_of_a_stalled_run_clears_the_job_id_and_marker()
        => Refusals("""{"phase":"Pending","lastHandledRerun":"r2"}""", Running.Replace("\"Running\"", "\"Stalled\"", StringComparison.Ordinal)).Should().BeEmpty();

    [Test]
    public void The_operators_rerun_of_a_run_whose_request_was_not_sent_clears_the_marker()
        => Refusals("""{"phase":"Pending","lastHandledRerun":"r2"}""", """{"phase":"Pending","lastHandledRerun":"r1","startTime":"2026-12-05T10:00:00Z","submission":{"attempt":1,"state":"NotSent"}}""")
            .Should().BeEmpty();

    [Test]
    public void The_operators_end_of_a_run_keeps_the_job_id_and_marker()
        => Refusals(Running.Replace("\"Running\"", "\"Succeeded\"", StringComparison.Ordinal), Running).Should().BeEmpty();

    [Test]
    public void An_ended_runs_phase_set_back_by_hand_is_refused_naming_the_phase()
        => Refusals(Running, Running.Replace("\"Running\"", "\"Succeeded\"", StringComparison.Ordinal)).Should().Equal(RunRecordRules.EndKeptMessage);

    [Test]
    public void An_untrackable_runs_marker_edited_to_NotSent_and_phase_to_Pending_is_refused()
        => Refusals(
                """{"phase":"Pending","lastHandledRerun":"r1","submission":{"attempt":1,"state":"NotSent"}}""",
                """{"phase":"Untrackable","lastHandledRerun":"r1","submission":{"attempt":1,"state":"Accepted"}}""")
            .Should().Equal(RunRecordRules.EndKeptMessage);

    [Test]
    public void The_operators_job_id_write_over_a_phase_ended_by_hand_while_its_POST_was_under_way_is_allowed()
        => Refusals(
                """{"phase":"Queued","lastHandledRerun":"r1","jobId":"42","submission":{"attempt":1,"state":"Accepted"}}""",
                """{"phase":"Failed","lastHandledRerun":"r1","submission":{"attempt":1,"state":"Sending"}}""")
            .Should().BeEmpty();

    [Test]
    public void One_ended_phase_edited_to_another_is_allowed()
        => Refusals(Running.Replace("\"Running\"", "\"Failed\"", StringComparison.Ordinal), Running.Replace("\"Running\"", "\"Succeeded\"", StringComparison.Ordinal)).Should().BeEmpty();

    [Test]
    public void The_operators_next_attempt_counts_the_attempt_up()
        => Refusals(
                """{"lastHandledRerun":"r1","submission":{"attempt":2,"state":"Sending","duplicatePossible":true}}""",
                """{"lastHandledRerun":"r1","submission":{"attempt":1,"state":"Sending"}}""")
            .Should().BeEmpty();

    [Test]
    public void Removing_the_whole_status_of_a_run_that_holds_a_marker_is_refused()
        => Rules.Validate(new JsonObject { ["spec"] = new JsonObject() }, Job(Running)).Select(cause => cause.Message)
            .Should().Equal($"Invalid value: \"object\": {RunRecordRules.StatusKeptMessage}");

    [Test]
    public void Removing_the_status_of_a_job_that_sent_nothing_is_allowed()
        => Rules.Validate(new JsonObject { ["spec"] = new JsonObject() }, Job(BeforeThePost)).Should().BeEmpty();

    private static List<string> Refusals(string status, string old)
        => [.. Rules.Validate(Job(status), Job(old)).Select(cause => cause.Message.Replace("Invalid value: \"object\": ", "", StringComparison.Ordinal))];

    private static JsonObject Job(string status) => new() { ["spec"] = new JsonObject(), ["status"] = JsonNode.Parse(status) };
}
