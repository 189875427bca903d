using FutReindexOperator.Benchmarks.Processes;

namespace FutReindexOperator.Benchmarks.Tests.Processes;

public sealed class OperatorProcessTests
{
    [Test]
    public void ParseHttpAddress_RuntimeServingLine_ReturnsTheAddress()
        => OperatorProcess.ParseHttpAddress("info: FutReindexOperator.Runtime.Hosting.OperatorHttpServer[501] Serving /healthz, /readyz and /metrics on http://127.0.0.1:41234")
            .Should().Be(new Uri("http://127.0.0.1:41234"));

    [Test]
    public void ParseHttpAddress_OtherLine_ReturnsNull()
        => OperatorProcess.ParseHttpAddress("info: Operator ready").Should().BeNull();

    [Test]
    public void OperatorAssemblyPath_NoOverride_IsNextToTheHarness()
    {
        if (Environment.GetEnvironmentVariable(OperatorProcess.AssemblyVariable) is { Length: > 0 } overridden)
        {
            OperatorProcess.OperatorAssemblyPath.Should().Be(overridden);
        }
        else
        {
            OperatorProcess.OperatorAssemblyPath.Should().Be(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"));
            File.Exists(OperatorProcess.OperatorAssemblyPath).Should().BeTrue();
        }
    }
}
