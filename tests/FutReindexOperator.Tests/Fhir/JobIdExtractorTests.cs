using FutReindexOperator.Fhir;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Tests.Fhir;

public sealed class JobIdExtractorTests
{
    [Test]
    public void Extract_ContentLocationWithInternalHost_TakesOnlyTheJobId()
    {
        var found = JobIdExtractor.Extract(HapiPayloads.InternalContentLocation, null);

        found.Should().Be((HapiPayloads.JobId, JobIdExtractor.Source.ContentLocation));
    }

    [Test]
    public void Extract_RelativeContentLocationWithOtherParameters_FindsJobId()
    {
        JobIdExtractor.Extract("$hapi.fhir.reindex-status?_return=report&_jobId=a%2Fb", null)
            .Should().Be(("a/b", JobIdExtractor.Source.ContentLocation));
    }

    [Test]
    public void Extract_ContentLocationWithoutJobId_FallsBackToDiagnostics()
    {
        var outcome = new OperationOutcome();
        outcome.Issue.Add(new OperationOutcome.IssueComponent { Diagnostics = "Poll at https://x/fhir/$hapi.fhir.reindex-status?_jobId=abc-1" });

        JobIdExtractor.Extract("https://x/fhir/elsewhere", outcome).Should().Be(("abc-1", JobIdExtractor.Source.Diagnostics));
    }

    [Test]
    public void Extract_LegacyParameters_ReturnsLegacySource()
    {
        var parameters = new Parameters();
        parameters.Add("jobId", new FhirString("403df237"));

        JobIdExtractor.Extract(null, parameters).Should().Be(("403df237", JobIdExtractor.Source.LegacyParameters));
    }

    [Test]
    public void Extract_NothingToFind_ReturnsNull()
    {
        JobIdExtractor.Extract(null, new OperationOutcome()).Should().BeNull();
    }
}
