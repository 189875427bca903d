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

    [Test]
    public void NeedsLock_SubmissionMarkerWritten_IsLocked()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Submitting };
        var desired = current with { Submission = new SubmissionMarker { Attempt = 1, StartedAt = T0, State = SubmissionState.Sending } };

        StatusPatch.NeedsLock(StatusPatch.Between(current, desired)).Should().BeTrue();
    }

    [Test]
    public void NeedsLock_JobIdRecorded_IsLocked()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Queued };
        var desired = current with { JobId = "42" };

        StatusPatch.NeedsLock(StatusPatch.Between(current, desired)).Should().BeTrue();
    }

    [Test]
    public void NeedsLock_RunEnded_IsLocked()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Running, JobId = "42" };
        var desired = current with { Phase = ReindexPhase.Succeeded, CompletionTime = T0 };

        StatusPatch.NeedsLock(StatusPatch.Between(current, desired)).Should().BeTrue();
    }

    [Test]
    public void NeedsLock_RerunRecorded_IsLocked()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Pending };
        var desired = current with { LastHandledRerun = "b" };

        StatusPatch.NeedsLock(StatusPatch.Between(current, desired)).Should().BeTrue();
    }

    [Test]
    public void NeedsLock_PollingProgressWithinThePhase_IsPlain()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Running, JobId = "42", Polls = 3, Message = "running" };
        var desired = current with { Polls = 4, LastPollTime = T0, NextAttemptTime = T0.AddSeconds(30), ServerProgress = "50 %", Message = "running: 50 %" };

        StatusPatch.NeedsLock(StatusPatch.Between(current, desired)).Should().BeFalse();
    }

    [Test]
    public void NeedsLock_RetryCountedWithinThePhase_IsPlain()
    {
        var current = new ReindexJobStatus { Phase = ReindexPhase.Pending, Retry = new RetryState { Reason = "ServerUnavailable", Count = 1, Since = T0 } };
        var desired = current with { Retry = current.Retry! with { Count = 2 }, NextAttemptTime = T0.AddSeconds(10) };

        StatusPatch.NeedsLock(StatusPatch.Between(current, desired)).Should().BeFalse();
    }
}
