using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Cluster;
using FutReindexOperator.Sandbox.Expectations;

namespace FutReindexOperator.Sandbox.Tests.Expectations;

public sealed class JobExpectationsTests
{
    [Test]
    public void Samples_CoverEveryReindexJobSampleTheSandboxInstalls()
    {
        var sampleNames = ManifestReader.ReadKustomization(Path.Combine(AppContext.BaseDirectory, "config", "samples"))
            .Select(ManifestIdentity.Of)
            .Where(identity => identity.Kind == ReindexJob.KindName)
            .Select(identity => identity.Name);

        JobExpectations.Samples.Keys.Should().BeEquivalentTo(sampleNames);
    }

    [Test]
    public void For_TheFailingSample_ExpectsItsReadableReason()
    {
        JobExpectations.For("fails-unknown-type").Should().Be(new ExpectedOutcome(ReindexPhase.Stalled, "'Foo' is not one"));
    }

    [Test]
    public void For_AGeneratedJob_ExpectsSuccess()
    {
        JobExpectations.For("generated-007").Should().Be(ExpectedOutcome.Succeeded);
    }
}
