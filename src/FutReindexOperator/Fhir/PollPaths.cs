namespace FutReindexOperator.Fhir;

/// <summary>The status operation path for a job id, relative to the operator's own FHIR base.</summary>
public static class PollPaths
{
    public const string StatusOperation = "$hapi.fhir.reindex-status";

    /// <summary>The longest job id the operator records (status.jobId's maxLength).</summary>
    public const int MaxJobIdLength = 256;

    /// <summary>The longest poll path: that of a job id of <see cref="MaxJobIdLength"/> characters, each escaped (status.pollPath's maxLength).</summary>
    public const int MaxLength = 1024;

    /// <summary><c>$hapi.fhir.reindex-status?_jobId=&lt;url-encoded id&gt;</c>; the host of any Content-Location is never used.</summary>
    public static string For(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return $"{StatusOperation}?_jobId={Uri.EscapeDataString(jobId)}";
    }

    /// <summary>
    /// True when <paramref name="jobId"/> can be recorded in status and followed: 1 to <see cref="MaxJobIdLength"/>
    /// characters, none of them whitespace or control characters.
    /// </summary>
    public static bool IsUsableJobId(string? jobId)
        => jobId is { Length: > 0 and <= MaxJobIdLength } && !jobId.Any(character => char.IsWhiteSpace(character) || char.IsControl(character));
}
