using System.Text.Json.Nodes;
using FutReindexOperator.Benchmarks.Fuzz;

namespace FutReindexOperator.Benchmarks.Tests.Fuzz;

/// <summary>
/// I4 at rest: a job is stuck with a submission under way (Submitting, or a refused job's retry, which shows Stalled)
/// only when it stays there on the same attempt. The full run of seed 1 ended by its timeout while refused jobs still
/// retried every few seconds, and caught two of them between an attempt's marker and its outcome (attempts 247 and 197),
/// which the check reported as stuck.
/// </summary>
public sealed class StuckInSubmittingTests
{
    [Test]
    public void StillSubmittingTheSameAttempt_AJobCaughtBetweenTheMarkerAndTheOutcomeOfAnAttempt_IsNotStuck()
    {
        var before = new[] { Job("reindex-00103", "Submitting", attempt: 247) };
        var after = new[] { Job("reindex-00103", "Stalled", attempt: 247) };

        FuzzRunner.StillSubmittingTheSameAttempt(before, after).Should().BeEmpty();
    }

    [Test]
    public void StillSubmittingTheSameAttempt_AJobOnItsNextAttempt_IsNotStuck()
    {
        var before = new[] { Job("reindex-00103", "Submitting", attempt: 247) };
        var after = new[] { Job("reindex-00103", "Submitting", attempt: 250) };

        FuzzRunner.StillSubmittingTheSameAttempt(before, after).Should().BeEmpty();
    }

    [Test]
    public void StillSubmittingTheSameAttempt_AJobStillOnTheSameAttempt_IsStuck()
    {
        var before = new[] { Job("reindex-00103", "Submitting", attempt: 3), Job("reindex-00104", "Running", attempt: 1) };
        var after = new[] { Job("reindex-00103", "Submitting", attempt: 3), Job("reindex-00104", "Submitting", attempt: 1) };

        FuzzRunner.StillSubmittingTheSameAttempt(before, after).Should().BeEquivalentTo(["reindex-00103"]);
    }

    [Test]
    public void StillSubmittingTheSameAttempt_ARefusedJobWhoseRetryStaysOnTheSameAttempt_IsStuck()
    {
        var before = new[] { Job("reindex-00103", "Stalled", attempt: 12, reason: "Forbidden") };
        var after = new[] { Job("reindex-00103", "Stalled", attempt: 12, reason: "Forbidden") };

        FuzzRunner.StillSubmittingTheSameAttempt(before, after).Should().BeEquivalentTo(["reindex-00103"], "a refused job's retry shows Stalled while its marker is out");
    }

    [Test]
    public void StillSubmittingTheSameAttempt_AJobAwaitingConfirmationOfAnUncertainSubmission_IsNotStuck()
    {
        var before = new[] { Job("reindex-00103", "Stalled", attempt: 2, reason: "SubmissionUncertain") };
        var after = new[] { Job("reindex-00103", "Stalled", attempt: 2, reason: "SubmissionUncertain") };

        FuzzRunner.StillSubmittingTheSameAttempt(before, after).Should().BeEmpty();
    }

    private static JobView Job(string name, string phase, int attempt, string? reason = null) => new(new JsonObject
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "bench-00" },
        ["status"] = new JsonObject
        {
            ["phase"] = phase,
            ["submission"] = new JsonObject { ["attempt"] = attempt, ["state"] = "Sending" },
            ["conditions"] = reason is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["reason"] = reason }),
        },
    });
}
