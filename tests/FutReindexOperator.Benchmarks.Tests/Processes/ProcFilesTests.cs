using FutReindexOperator.Benchmarks.Processes;

namespace FutReindexOperator.Benchmarks.Tests.Processes;

public sealed class ProcFilesTests
{
    private const string Status = "Name:\tdotnet\nVmPeak:\t  300000 kB\nVmHWM:\t   81920 kB\nVmRSS:\t   65536 kB\nThreads:\t20\n";

    [Test]
    public void ParseResidentBytes_StatusWithVmRss_ReturnsBytes()
        => ProcFiles.ParseResidentBytes(Status).Should().Be(65536L * 1024);

    [Test]
    public void ParsePeakResidentBytes_StatusWithVmHwm_ReturnsBytes()
        => ProcFiles.ParsePeakResidentBytes(Status).Should().Be(81920L * 1024);

    [Test]
    public void ParseResidentBytes_NoVmRssLine_ThrowsNamingTheField()
        => FluentActions.Invoking(() => ProcFiles.ParseResidentBytes("Name:\tdotnet\n"))
            .Should().Throw<FormatException>().WithMessage("*VmRSS:*");

    [Test]
    public void ParseCpuSeconds_CommandNameWithSpacesAndParentheses_AddsUserAndSystemTicks()
    {
        var stat = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 1200 0 0 0 250 130 0 0 20 0 21 0 100 0 0";

        ProcFiles.ParseCpuSeconds(stat).Should().BeApproximately(3.8, 1e-9);
    }

    [Test]
    public void ParseCpuSeconds_TruncatedLine_Throws()
        => FluentActions.Invoking(() => ProcFiles.ParseCpuSeconds("4242 (dotnet) S 1 2"))
            .Should().Throw<FormatException>().WithMessage("*utime*");

    [Test]
    public void TryRead_ThisProcess_ReportsMemoryAndCpu()
    {
        var sample = ProcFiles.TryRead(Environment.ProcessId, DateTimeOffset.UtcNow);

        sample.Should().NotBeNull();
        sample!.ResidentBytes.Should().BeGreaterThan(1024 * 1024);
        sample.CpuSeconds.Should().BeGreaterThan(0);
    }

    [Test]
    public void TryRead_ProcessThatDoesNotExist_ReturnsNull()
        => ProcFiles.TryRead(int.MaxValue, DateTimeOffset.UtcNow).Should().BeNull();
}
