using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Mesh;

public sealed class FaultRuleTests
{
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Validate_ProbabilityOutOfRange_NamesTheField(double probability)
    {
        var validate = () => new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Probability = probability }.Validate();

        validate.Should().Throw<ArgumentException>().WithParameterName("Probability");
    }

    [Test]
    public void Validate_ZeroCount_NamesTheField()
    {
        var validate = () => new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, Count = 0 }.Validate();

        validate.Should().Throw<ArgumentException>().WithParameterName("Count");
    }

    [Test]
    public void Validate_AfterUpstreamOnAFaultThatNeverReachesTheUpstream_IsRejected()
    {
        var validate = () => new FaultRule { Fault = EnvoyFault.NoHealthyUpstream, AfterUpstream = true }.Validate();

        validate.Should().Throw<ArgumentException>().WithParameterName("AfterUpstream");
    }

    [Test]
    public void Validate_NegativeDelay_IsRejected()
    {
        var validate = () => new FaultRule { Fault = EnvoyFault.Latency, Delay = TimeSpan.FromSeconds(-1) }.Validate();

        validate.Should().Throw<ArgumentException>().WithParameterName("Delay");
    }
}
