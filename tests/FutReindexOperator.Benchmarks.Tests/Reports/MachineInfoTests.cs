using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Tests.Reports;

public sealed class MachineInfoTests
{
    [Test]
    public void CpuModelOf_Cpuinfo_ReturnsFirstModelName()
        => MachineInfo.CpuModelOf("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n").Should().Be("AMD EPYC 7B13");

    [Test]
    public void CpuModelOf_NoModelName_ReturnsNull()
        => MachineInfo.CpuModelOf("processor\t: 0\n").Should().BeNull();

    [Test]
    public void MemoryOf_Meminfo_ReturnsMemTotalInBytes()
        => MachineInfo.MemoryOf("MemTotal:       24684000 kB\nMemFree: 1 kB\n").Should().Be(24684000L * 1024);

    [Test]
    public void Current_ThisMachine_StatesCoresAndRuntime()
    {
        var machine = MachineInfo.Current();

        machine.Cores.Should().Be(Environment.ProcessorCount);
        machine.DotNet.Should().StartWith(".NET");
        machine.ToString().Should().Contain("cores");
    }
}
