using FutReindexOperator.Benchmarks.Processes;

namespace FutReindexOperator.Benchmarks.Tests.Processes;

public sealed class OperatorLauncherTests
{
    [Test]
    public void OperatorAssemblyPath_NoOverride_IsNextToTheHarness()
    {
        if (Environment.GetEnvironmentVariable(OperatorLauncher.AssemblyVariable) is { Length: > 0 } overridden)
        {
            OperatorLauncher.OperatorAssemblyPath.Should().Be(overridden);
        }
        else
        {
            OperatorLauncher.OperatorAssemblyPath.Should().Be(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"));
            File.Exists(OperatorLauncher.OperatorAssemblyPath).Should().BeTrue();
        }
    }
}
