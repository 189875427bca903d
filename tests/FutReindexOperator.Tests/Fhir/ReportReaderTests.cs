using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Fhir;

public sealed class ReportReaderTests
{
    [Test]
    public void Read_RawReport_TakesTotalResourcesChanged()
    {
        ReportReader.Read(HapiPayloads.RawReport).ResourcesChanged.Should().Be(32);
    }

    [Test]
    public void Read_TextWithoutCount_HasNoCount()
    {
        ReportReader.Read("$reindex job has completed successfully").ResourcesChanged.Should().BeNull();
    }

    [Test]
    public void Read_LongReport_BoundsTheSummary()
    {
        var report = ReportReader.Read("Total Resources Changed : 7 " + new string('x', 5000));

        report.Summary!.Length.Should().Be(ReindexReport.MaxSummaryLength);
        report.ResourcesChanged.Should().Be(7);
    }
}
