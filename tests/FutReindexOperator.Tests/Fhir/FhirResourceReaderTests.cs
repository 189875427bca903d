using FutReindexOperator.Fhir;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Tests.Fhir;

public sealed class FhirResourceReaderTests
{
    [Test]
    public void Read_OperationOutcomeWithElementsOfANewerServer_StillReadsIt()
    {
        var answer = new FhirAnswer(202, "application/fhir+json", null, """
            { "resourceType": "OperationOutcome", "futureElement": { "x": 1 },
              "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has not yet started", "newField": true } ] }
            """);

        FhirResourceReader.Read(answer).Should().BeOfType<OperationOutcome>()
            .Which.Issue.Single().Diagnostics.Should().Be("$reindex job has not yet started");
    }

    [Test]
    public void Read_EnvoyPlainText_IsNotAResource()
    {
        FhirResourceReader.Read(new FhirAnswer(503, "text/plain", null, HapiPayloads.EnvoyNoHealthyUpstream)).Should().BeNull();
    }

    [Test]
    public void Read_BrokenJson_IsNotAResource()
    {
        FhirResourceReader.Read(new FhirAnswer(500, "application/json", null, "{ \"resourceType\": ")).Should().BeNull();
    }

    [Test]
    public void Read_UnknownResourceType_IsNotAResource()
    {
        FhirResourceReader.Read(new FhirAnswer(200, "application/fhir+json", null, """{ "resourceType": "Foo" }""")).Should().BeNull();
    }

    [Test]
    public void Read_ResourceTypeOutsideTheDialect_IsNotAResource()
    {
        FhirResourceReader.Read(new FhirAnswer(200, "application/fhir+json", null, """{ "resourceType": "Patient", "id": "p1" }""")).Should().BeNull();
    }

    [Test]
    public void Read_FinishedJobBundle_KeepsTheOutcomeInItsEntry()
    {
        var answer = new FhirAnswer(200, "application/fhir+json", null, """
            { "resourceType": "Bundle", "type": "batch-response", "entry": [ { "response": { "status": "200 OK", "outcome":
              { "resourceType": "OperationOutcome", "issue": [ { "severity": "information", "code": "informational", "diagnostics": "done" } ] } } } ] }
            """);

        var bundle = FhirResourceReader.Read(answer).Should().BeOfType<Bundle>().Subject;

        bundle.Entry.Single().Response?.Outcome.Should().BeOfType<OperationOutcome>()
            .Which.Issue.Single().Diagnostics.Should().Be("done");
    }
}
