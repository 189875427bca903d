using System.Globalization;
using System.Runtime.InteropServices;

namespace FutReindexOperator.Benchmarks.Reports;

/// <summary>The machine a report was measured on.</summary>
public sealed record MachineInfo(string CpuModel, int Cores, long MemoryBytes, string OperatingSystem, string DotNet)
{
    /// <summary>Reads /proc/cpuinfo and /proc/meminfo and the runtime's description of itself.</summary>
    public static MachineInfo Current()
    {
        var cpuinfo = TryRead("/proc/cpuinfo");
        var meminfo = TryRead("/proc/meminfo");
        return new MachineInfo(
            CpuModelOf(cpuinfo) ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            MemoryOf(meminfo),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription);
    }

    /// <summary>The 1-, 5- and 15-minute load averages of /proc/loadavg (e.g. <c>3.12 2.80 2.41</c>), or null when unreadable.</summary>
    public static string? LoadAverage()
    {
        var fields = TryRead("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 3 ? string.Join(' ', fields[..3]) : null;
    }

    /// <summary>The first <c>model name</c> of /proc/cpuinfo, or null.</summary>
    public static string? CpuModelOf(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        return cpuinfo.Split('\n')
            .Where(line => line.StartsWith("model name", StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }

    /// <summary>The <c>MemTotal</c> of /proc/meminfo in bytes, or 0.</summary>
    public static long MemoryOf(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        var line = meminfo.Split('\n').FirstOrDefault(candidate => candidate.StartsWith("MemTotal:", StringComparison.Ordinal));
        var parts = line?["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is [var kilobytes, "kB"] && long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : 0;
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{CpuModel}, {Cores} cores, {MemoryBytes / (1024d * 1024 * 1024):0.#} GiB RAM, {OperatingSystem}, {DotNet}");

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
