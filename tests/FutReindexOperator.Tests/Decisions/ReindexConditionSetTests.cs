using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Tests.Decisions;

public sealed class ReindexConditionSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 16, 12, 0, 0, TimeSpan.Zero);

    [TestCase(ReindexPhase.Pending, "True", "False", "False", "False", "False")]
    [TestCase(ReindexPhase.Running, "True", "False", "False", "False", "False")]
    [TestCase(ReindexPhase.Succeeded, "False", "False", "True", "True", "False")]
    [TestCase(ReindexPhase.Failed, "False", "True", "False", "False", "True")]
    [TestCase(ReindexPhase.Lost, "False", "True", "False", "False", "True")]
    [TestCase(ReindexPhase.Untrackable, "False", "True", "False", "False", "True")]
    [TestCase(ReindexPhase.Stalled, "False", "True", "False", "False", "False")]
    public void For_Phase_SetsKstatusAndJobConditions(ReindexPhase phase, string reconciling, string stalled, string ready, string complete, string failed)
    {
        var conditions = ReindexConditionSet.For(phase, "Reason", "message", 3, Now, []).ToDictionary(condition => condition.Type, condition => condition.Status);

        conditions.Should().Equal(new Dictionary<string, string>
        {
            [ReindexConditions.Reconciling] = reconciling,
            [ReindexConditions.Stalled] = stalled,
            [ReindexConditions.Ready] = ready,
            [ReindexConditions.Complete] = complete,
            [ReindexConditions.Failed] = failed,
        });
    }

    [Test]
    public void For_UnchangedStatus_KeepsTheLastTransitionTime()
    {
        var earlier = Now.AddHours(-1).UtcDateTime;
        var previous = new List<V1Condition> { new() { Type = ReindexConditions.Reconciling, Status = "True", LastTransitionTime = earlier, Reason = "Queued", Message = "" } };

        var conditions = ReindexConditionSet.For(ReindexPhase.Running, "Running", "", 1, Now, previous);

        conditions.Single(condition => condition.Type == ReindexConditions.Reconciling).LastTransitionTime.Should().Be(earlier);
        conditions.Single(condition => condition.Type == ReindexConditions.Ready).LastTransitionTime.Should().Be(Now.UtcDateTime);
    }
}
