using FutReindexOperator.Decisions;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Decisions;

public sealed class StatusPatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void Between_FieldCleared_WritesExplicitNull()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Running, Retry = new RetryState { Reason = "ServerUnavailable", Count = 2, Since = T0 } };
        var desired = current with { Retry = null };

        var patch = StatusPatch.Between(current, desired);

        patch.Should().ContainKey("retry");
        patch["retry"].Should().BeNull();
        patch.Should().NotContainKey("phase");
    }

    [Test]
    public void Between_NestedFieldChanged_PatchesOnlyThatField()
    {
        var marker = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.Sending };
        var current = new ReindexJobStatus { Submission = marker };
        var desired = current with { Submission = marker with { State = SubmissionState.Accepted } };

        var patch = StatusPatch.Between(current, desired);

        patch.ToJsonString().Should().Be("{\"submission\":{\"state\":\"Accepted\"}}");
    }

    [Test]
    public void Between_NoCurrentStatus_PatchesEveryField()
    {
        var desired = new ReindexJobStatus { Phase = ReindexPhase.Pending, Message = "accepted" };

        var patch = StatusPatch.Between(null, desired);

        patch["phase"]!.GetValue<string>().Should().Be("Pending");
        patch["message"]!.GetValue<string>().Should().Be("accepted");
    }

    [Test]
    public void Between_SameStatus_IsEmpty()
    {
        var status = new ReindexJobStatus { Phase = ReindexPhase.Queued, JobId = "42", Polls = 3 };

        StatusPatch.Between(status, status with { }).Should().BeEmpty();
    }
}
