using FutReindexOperator.Benchmarks.Micro;
using FutReindexOperator.Fhir;

namespace FutReindexOperator.Benchmarks.Tests.Micro;

public sealed class FhirDialectBenchmarksTests
{
    private readonly FhirDialectBenchmarks _benchmarks = new();

    [Test]
    public void ClassifyInProgress_MeasuresAProgressAnswer()
        => _benchmarks.ClassifyInProgress().Should().BeOfType<PollOutcome.Progress>();

    [Test]
    public void ClassifyCompleted_MeasuresASuccessWithItsReport()
        => _benchmarks.ClassifyCompleted().Should().BeOfType<PollOutcome.Succeeded>()
            .Which.Report.ResourcesChanged.Should().Be(32);

    [Test]
    public void BuildReindexBody_MeasuresABodyWithEveryFilter()
        => _benchmarks.BuildReindexBody().Should().Contain("Organization?").And.Contain("Practitioner?active=true");
}
