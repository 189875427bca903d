using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.KubeApiServer.Cel;
using FutReindexOperator.Tests.Properties.Decisions;

namespace FutReindexOperator.Tests.Properties.Model;

/// <summary>
/// The CRD's status transition rules (<see cref="RunRecordRules"/>) as the API test server evaluates them, over pairs of
/// statuses the schema accepts: an update is refused exactly when it forgets a run's job id or marker, or takes up an
/// ended run again.
/// </summary>
[Category("Properties")]
public sealed class RunRecordRulesProperties
{
    private static readonly string[] AbandonablePhases = [.. Enum.GetValues<ReindexPhase>().Where(phase => phase.IsTerminal() || phase == ReindexPhase.Stalled).Select(phase => phase.ToString())];

    private static readonly Gen<(JsonObject Old, JsonObject New)> Pairs = Gen.Select(
        DecisionGen.Jobs.Status,
        DecisionGen.Jobs.Status,
        Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false))),
        Gen.Int[0, 3],
        Gen.Int[0, 4],
        Gen.Int[-3, 3],
        (old, next, sameRun, jobId, marker, attemptStep) =>
        {
            if (sameRun)
            {
                CopyMember(old, next, "lastHandledRerun");
            }

            switch (jobId)
            {
                case 0:
                    CopyMember(old, next, "jobId");
                    break;
                case 1:
                    next.Remove("jobId");
                    break;
                case 2:
                    next["jobId"] = null;
                    break;
            }

            switch (marker)
            {
                case 0 when old["submission"] is JsonObject { } kept:
                    var moved = (JsonObject)kept.DeepClone();
                    if (kept["attempt"] is { } attempt)
                    {
                        moved["attempt"] = Math.Clamp(attempt.GetValue<long>() + attemptStep, 1L, int.MaxValue);
                    }

                    next["submission"] = moved;
                    break;
                case 1:
                    next.Remove("submission");
                    break;
                case 2:
                    next["submission"] = null;
                    break;
                case 3:
                    CopyMember(old, next, "submission");
                    break;
            }

            return (old, next);
        });

    private static readonly CompiledRules Rules = CompiledRules.Compile(DecisionGen.Schema.Root);

    [Test]
    public void A_status_update_is_refused_exactly_when_it_forgets_the_runs_job_id_or_marker_or_takes_up_its_end_again()
        => PropertyRun.Check(
            Pairs,
            pair =>
            {
                var refusals = Rules.Validate(Job(pair.New), Job(pair.Old)).Select(cause => cause.Message).ToList();

                var expected = new List<string>();
                if (JobIdForgotten(pair.Old, pair.New))
                {
                    expected.Add(RunRecordRules.JobIdKeptMessage);
                }

                if (MarkerForgotten(pair.Old, pair.New))
                {
                    expected.Add(RunRecordRules.MarkerKeptMessage);
                }

                if (RunReplacedWhileUnderWay(pair.Old, pair.New))
                {
                    expected.Add(RunRecordRules.RunKeptWhileUnderWayMessage);
                }

                if (EndUndone(pair.Old, pair.New))
                {
                    expected.Add(RunRecordRules.EndKeptMessage);
                }

                refusals.Should().Equal(expected.Select(message => $"Invalid value: \"object\": {message}"));
            },
            iterations: 3000,
            print: pair => $"old {pair.Old.ToJsonString()}; new {pair.New.ToJsonString()}");

    [Test]
    public void The_status_writers_restore_of_a_removed_marker_passes_the_rules()
        => PropertyRun.Check(
            Gen.Select(DecisionGen.Jobs.Status, DecisionGen.Jobs.Status),
            statuses =>
            {
                // SubmissionOutcomes.Overwritten: the stored status is the run the POST was sent under (same
                // lastHandledRerun) with no marker and no job id; the status sent under, with its Sending marker, is written back.
                var (sentUnder, edited) = statuses;
                sentUnder["submission"] = new JsonObject { ["attempt"] = 1, ["startedAt"] = "2026-12-05T10:00:00Z", ["state"] = nameof(SubmissionState.Sending), ["duplicatePossible"] = false };
                sentUnder.Remove("jobId");
                CopyMember(sentUnder, edited, "lastHandledRerun");
                edited.Remove("submission");
                edited.Remove("jobId");

                // Not an ended phase: under these rules a run's marker cannot be removed, so an edit that removed it and
                // ended the run is storable only on a CRD without the rules, where nothing is refused.
                if (edited["phase"] is { } phase && Enum.Parse<ReindexPhase>(phase.GetValue<string>()).IsTerminal())
                {
                    edited["phase"] = nameof(ReindexPhase.Running);
                }
                // The writer's patch (StatusPatch.Between, nulls for what it clears) turns the stored status into the one sent under.
                Rules.Validate(Job(sentUnder), Job(edited)).Should().BeEmpty();
            },
            iterations: 500,
            print: statuses => $"sent under {statuses.Item1.ToJsonString()}; edited {statuses.Item2.ToJsonString()}");

    private static JsonObject Job(JsonObject status) => new() { ["spec"] = new JsonObject(), ["status"] = status.DeepClone() };

    private static void CopyMember(JsonObject from, JsonObject to, string name)
    {
        if (from.TryGetPropertyValue(name, out var value))
        {
            to[name] = value?.DeepClone();
        }
        else
        {
            to.Remove(name);
        }
    }

    /// <summary>Set as the API server reads it: present and not null.</summary>
    private static bool Has(JsonNode? node, string name) => node is JsonObject obj && obj[name] is not null;

    private static bool SameRun(JsonObject old, JsonObject next)
        => Has(old, "lastHandledRerun") == Has(next, "lastHandledRerun")
            && (!Has(old, "lastHandledRerun") || old["lastHandledRerun"]!.GetValue<string>() == next["lastHandledRerun"]!.GetValue<string>());

    private static bool JobIdForgotten(JsonObject old, JsonObject next)
        => Has(old, "jobId") && SameRun(old, next)
            && !(Has(next, "jobId") && old["jobId"]!.GetValue<string>() == next["jobId"]!.GetValue<string>());

    private static bool MarkerForgotten(JsonObject old, JsonObject next)
    {
        if (!Has(old, "submission") || !SameRun(old, next))
        {
            return false;
        }

        if (!Has(next, "submission"))
        {
            return true;
        }

        return Has(old["submission"], "attempt")
            && (!Has(next["submission"], "attempt") || next["submission"]!["attempt"]!.GetValue<long>() < old["submission"]!["attempt"]!.GetValue<long>());
    }

    private static bool RunReplacedWhileUnderWay(JsonObject old, JsonObject next)
    {
        var requestMayBeOnTheServer = Has(old, "jobId")
            || (Has(old, "submission") && !(Has(old["submission"], "state") && old["submission"]!["state"]!.GetValue<string>() == nameof(SubmissionState.NotSent)));
        var abandonable = Has(old, "phase") && AbandonablePhases.Contains(old["phase"]!.GetValue<string>());
        var begun = Has(old, "startTime") || Has(old, "submission") || Has(old, "runGeneration");
        return !SameRun(old, next) && !abandonable && requestMayBeOnTheServer && begun;
    }

    private static bool EndUndone(JsonObject old, JsonObject next)
    {
        static bool Ended(JsonObject status) => Has(status, "phase") && Enum.Parse<ReindexPhase>(status["phase"]!.GetValue<string>()).IsTerminal();
        var recordsAJobId = !Has(old, "jobId") && Has(next, "jobId");
        return Ended(old) && SameRun(old, next) && !Ended(next) && !recordsAJobId;
    }
}
