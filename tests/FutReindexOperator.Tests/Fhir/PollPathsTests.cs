using FutReindexOperator.Fhir;

namespace FutReindexOperator.Tests.Fhir;

public sealed class PollPathsTests
{
    [Test]
    public void For_Uuid_IsTheStatusOperationWithTheId()
    {
        PollPaths.For(HapiPayloads.JobId).Should().Be($"$hapi.fhir.reindex-status?_jobId={HapiPayloads.JobId}");
    }

    [Test]
    public void For_IdWithReservedCharacters_EncodesThem()
    {
        PollPaths.For("a&b=c/d").Should().Be("$hapi.fhir.reindex-status?_jobId=a%26b%3Dc%2Fd");
    }
}
