using FutReindexOperator.Benchmarks.Chaos;
using FutReindexOperator.Benchmarks.Harness;

namespace FutReindexOperator.Benchmarks.Tests.Chaos;

public sealed class InvariantsTests
{
    [Test]
    public void Outcomes_PhasesMatchServerStates_NoViolation()
        => Invariants.Outcomes(
            [new("a", "s", "Succeeded", "1", 1, false), new("b", "s", "Failed", "2", 1, false)],
            [new("1", "s", "Completed"), new("2", "s", "Failed")]).Should().BeEmpty();

    [Test]
    public void Outcomes_JobWithoutJobId_IsLost()
        => Invariants.Outcomes([new("a", "s", "Submitting", null, 1, false)], []).Should().ContainSingle().Which.Should().Contain("lost");

    [Test]
    public void Outcomes_PhaseDisagreesWithServer_IsAWrongOutcome()
        => Invariants.Outcomes([new("a", "s", "Succeeded", "1", 1, false)], [new("1", "s", "Failed")])
            .Should().ContainSingle().Which.Should().Contain("expected Failed");

    [Test]
    public void Outcomes_ServerJobStillRunning_IsAViolation()
        => Invariants.Outcomes([new("a", "s", "Running", "1", 1, false)], [new("1", "s", "InProgress")])
            .Should().ContainSingle().Which.Should().Contain("has not ended");

    [Test]
    public void Outcomes_UnknownJobId_IsAViolation()
        => Invariants.Outcomes([new("a", "s", "Succeeded", "9", 1, false)], [new("1", "s", "Completed")])
            .Should().ContainSingle().Which.Should().Contain("unknown");

    [Test]
    public void Posts_ExtraServerJobWithoutMarkedJob_IsAViolation()
    {
        var account = Invariants.Posts([new("a", "s", "Succeeded", "1", 1, false)], [new("1", "s", "Completed"), new("2", "s", "Completed")]);

        account.Violations.Should().ContainSingle().Which.Should().Contain("s: 1 server job");
        account.OrphanServerJobs.Should().Be(1);
    }

    [Test]
    public void Posts_ExtraServerJobOfAJobMarkedDuplicatePossible_IsCountedSeparately()
    {
        var account = Invariants.Posts(
            [new("a", "s", "Succeeded", "2", 2, true), new("b", "s", "Succeeded", "3", 1, false)],
            [new("1", "s", "Completed"), new("2", "s", "Completed"), new("3", "s", "Completed")]);

        account.Violations.Should().BeEmpty();
        account.Should().BeEquivalentTo(new { ServerJobs = 3, SinglePostJobs = 1, MarkedDuplicatePossible = 1, OrphanServerJobs = 1 });
    }

    [Test]
    public void KilledBetweenMarkerAndJobId_DuplicateEvents_CountsOnlyThoseAfterAStop()
        => Invariants.KilledBetweenMarkerAndJobId(
            [
                ("a", "DuplicatePossible", "attempt 1 (begun 2026-01-01) may have reached the server, but no job id was recorded (the operator stopped in between). Submitting again"),
                ("a", "DuplicatePossible", "attempt 2 ... (the operator stopped in between)"),
                ("b", "DuplicatePossible", "attempt 1 may have reached the server: upstream request timeout"),
                ("c", "Submitted", "the operator stopped in between"),
            ]).Should().Equal("a");

    [Test]
    public void SecretsInLog_SecretOrJwt_FindsTheLines()
    {
        var token = UnsignedJwt.For(DateTimeOffset.UnixEpoch.AddDays(1));
        string[] lines = ["info: ok", $"debug: token {token}", "warn: client operator-secret refused"];

        Invariants.SecretsInLog(lines, ["operator-secret"]).Should().Equal(lines[1], lines[2]);
    }

    [Test]
    public void Redact_LineWithSecretAndJwt_ReplacesBoth()
    {
        var token = UnsignedJwt.For(DateTimeOffset.UnixEpoch.AddDays(1));

        Invariants.Redact($"{token} operator-secret", ["operator-secret"]).Should().Be("<jwt> <secret>");
    }

    [Test]
    public void MemoryBounded_PeakAboveLimit_IsAViolation()
    {
        Invariants.MemoryBounded(300, 256).Should().ContainSingle().Which.Should().Contain("300 MiB");
        Invariants.MemoryBounded(200, 256).Should().BeEmpty();
    }
}
