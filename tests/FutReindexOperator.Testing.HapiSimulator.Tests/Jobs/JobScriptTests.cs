using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Jobs;

public sealed class JobScriptTests
{
    [Test]
    public void Constructor_EndedStateBeforeTheLastPhase_IsRejected()
    {
        var create = () => JobScript.Of(JobPhase.Forever(ReindexJobState.Failed), JobPhase.Forever(ReindexJobState.Completed));

        create.Should().Throw<ArgumentException>().WithMessage("Phase 0 is FAILED*only the last phase may end the job*");
    }

    [Test]
    public void Constructor_NoPhases_IsRejected()
    {
        var create = () => JobScript.Of();

        create.Should().Throw<ArgumentException>().WithMessage("*at least one phase*");
    }

    [Test]
    public void Constructor_ZeroPolls_IsRejected()
    {
        var create = () => JobScript.Of(JobPhase.ForPolls(ReindexJobState.InProgress, 0), JobPhase.Forever(ReindexJobState.Completed));

        create.Should().Throw<ArgumentException>().WithMessage("*Polls must be at least 1*");
    }

    [Test]
    public void StuckIn_EndedState_IsRejected()
    {
        var create = () => JobScript.StuckIn(ReindexJobState.Completed);

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Completes_Defaults_PassThroughEveryRunningState()
    {
        var script = JobScript.Completes();

        script.Phases.Select(phase => phase.State).Should().Equal(
            ReindexJobState.Queued, ReindexJobState.InProgress, ReindexJobState.Finalize, ReindexJobState.Completed);
        script.ResourcesChangedPerType.Should().Be(32);
        script.HasReport.Should().BeTrue();
    }

    [Test]
    public void ByPolls_Steps_EndInTheFinalState()
    {
        var script = JobScript.ByPolls([(ReindexJobState.InProgress, 2)], ReindexJobState.Failed, "boom");

        script.Phases.Should().Equal(new JobPhase(ReindexJobState.InProgress, Polls: 2, ErrorMessage: "boom"), new JobPhase(ReindexJobState.Failed, ErrorMessage: "boom"));
    }
}
