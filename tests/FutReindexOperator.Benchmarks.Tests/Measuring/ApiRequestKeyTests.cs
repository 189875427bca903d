using FutReindexOperator.Benchmarks.Measuring;

namespace FutReindexOperator.Benchmarks.Tests.Measuring;

public sealed class ApiRequestKeyTests
{
    [TestCase("patch reindexjobs.fhir.fut.dk/status", true)]
    [TestCase("create events.events.k8s.io", true)]
    [TestCase("update leases.coordination.k8s.io", true)]
    [TestCase("get secrets", false)]
    [TestCase("watch reindexjobs.fhir.fut.dk", false)]
    public void IsWrite_Key_TellsWhetherTheVerbChangesObjects(string key, bool write)
        => ApiRequestKey.IsWrite(key).Should().Be(write);

    [Test]
    public void Of_VerbAndResource_JoinsWithASpace()
        => ApiRequestKey.Of("list", "services").Should().Be("list services");
}
