using FutReindexOperator.Benchmarks.Chaos;

namespace FutReindexOperator.Benchmarks.Tests.Chaos;

public sealed class FaultScheduleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Test]
    public void Create_SameSeed_GivesTheSamePlan()
        => FaultSchedule.Create(7, Window, 5, true, 2).Should().Equal(FaultSchedule.Create(7, Window, 5, true, 2));

    [Test]
    public void Create_OtherSeed_GivesOtherMoments()
        => FaultSchedule.Create(7, Window, 5, true, 2).Select(fault => fault.At).Should().NotEqual(FaultSchedule.Create(8, Window, 5, true, 2).Select(fault => fault.At));

    [Test]
    public void Create_KillsAndRounds_HasEachKindTheAskedNumberOfTimes()
    {
        var plan = FaultSchedule.Create(1, Window, kills: 5, leaderElection: true, rounds: 2);

        plan.Count(fault => fault.Kind == FaultKind.KillOperator).Should().Be(5);
        plan.Count(fault => fault.Kind == FaultKind.KillLeader).Should().Be(1);
        plan.Where(fault => fault.Kind is not FaultKind.KillOperator and not FaultKind.KillLeader)
            .GroupBy(fault => fault.Kind).Should().HaveCount(9).And.OnlyContain(group => group.Count() == 2);
    }

    [Test]
    public void Create_Plan_IsOrderedAndInsideTheWindow()
    {
        var plan = FaultSchedule.Create(3, Window, 4, false, 1);

        plan.Select(fault => fault.At).Should().BeInAscendingOrder().And.OnlyContain(at => at >= TimeSpan.Zero && at < Window);
        plan.Should().NotContain(fault => fault.Kind == FaultKind.KillLeader);
    }

    [Test]
    public void Create_NegativeKills_Throws()
        => FluentActions.Invoking(() => FaultSchedule.Create(1, Window, -1, false, 0)).Should().Throw<ArgumentOutOfRangeException>();
}
