using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Expectations;

namespace FutReindexOperator.Sandbox.Tests.Expectations;

public sealed class ExpectedOutcomeTests
{
    [Test]
    public void IsMetBy_SamePhaseWithoutWords_IsTrue()
    {
        ExpectedOutcome.Succeeded.IsMetBy(ReindexPhase.Succeeded, "anything").Should().BeTrue();
    }

    [Test]
    public void IsMetBy_OtherPhase_IsFalse()
    {
        ExpectedOutcome.Succeeded.IsMetBy(ReindexPhase.Failed, null).Should().BeFalse();
    }

    [Test]
    public void IsMetBy_MessageWithoutTheWords_IsFalse()
    {
        var expected = new ExpectedOutcome(ReindexPhase.Stalled, "'Foo' is not one");

        expected.IsMetBy(ReindexPhase.Stalled, "Secret fut/x not found").Should().BeFalse();
        expected.IsMetBy(ReindexPhase.Stalled, "invalid spec: spec.urls[0]: a FHIR R4 resource type; 'Foo' is not one").Should().BeTrue();
    }

    [Test]
    public void ToString_NamesPhaseAndWords()
    {
        new ExpectedOutcome(ReindexPhase.Stalled, "not one").ToString().Should().Be("Stalled with \"not one\"");
    }
}
