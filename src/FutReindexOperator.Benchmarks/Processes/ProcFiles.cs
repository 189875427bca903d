using System.Globalization;

namespace FutReindexOperator.Benchmarks.Processes;

/// <summary>Reads a process's memory and CPU time from Linux's <c>/proc/&lt;pid&gt;/status</c> and <c>/proc/&lt;pid&gt;/stat</c>.</summary>
public static class ProcFiles
{
    /// <summary>
    /// The kernel reports CPU times in /proc in USER_HZ ticks, which is 100 on every Linux ABI .NET runs on
    /// (the value is fixed by the ABI, not by the kernel's CONFIG_HZ).
    /// </summary>
    public const double TicksPerSecond = 100;

    /// <summary>Resident set size in bytes from the <c>VmRSS:</c> line of <c>/proc/&lt;pid&gt;/status</c>.</summary>
    /// <exception cref="FormatException">The text has no parseable <c>VmRSS</c> line.</exception>
    public static long ParseResidentBytes(string statusText) => ParseKilobyteField(statusText, "VmRSS:") * 1024;

    /// <summary>Peak resident set size in bytes from the <c>VmHWM:</c> line of <c>/proc/&lt;pid&gt;/status</c>.</summary>
    /// <exception cref="FormatException">The text has no parseable <c>VmHWM</c> line.</exception>
    public static long ParsePeakResidentBytes(string statusText) => ParseKilobyteField(statusText, "VmHWM:") * 1024;

    /// <summary>
    /// User plus system CPU seconds from <c>/proc/&lt;pid&gt;/stat</c> (fields 14 and 15). The command name (field 2)
    /// may contain spaces and parentheses, so fields are counted from the last <c>)</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a stat line.</exception>
    public static double ParseCpuSeconds(string statText)
    {
        ArgumentNullException.ThrowIfNull(statText);
        var end = statText.LastIndexOf(')');
        if (end < 0)
        {
            throw new FormatException("A /proc/<pid>/stat line must contain the command name in parentheses.");
        }

        // After ")" the fields start at 3 (state), so utime (14) and stime (15) are at offsets 11 and 12.
        var fields = statText[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            throw new FormatException("A /proc/<pid>/stat line must have numeric utime and stime fields (14 and 15).");
        }

        return (user + system) / TicksPerSecond;
    }

    /// <summary>Reads one sample of the process now; null when the process is gone.</summary>
    public static ProcessSample? TryRead(int processId, DateTimeOffset time)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{processId}/status");
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return new ProcessSample(time, ParseResidentBytes(status), ParseCpuSeconds(stat));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            // A process that exits between the two reads leaves a truncated or missing file.
            return null;
        }
    }

    private static long ParseKilobyteField(string statusText, string field)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        foreach (var line in statusText.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
            {
                return kilobytes;
            }

            break;
        }

        throw new FormatException($"/proc/<pid>/status must have a line '{field} <n> kB'.");
    }
}
