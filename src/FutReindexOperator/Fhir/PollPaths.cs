namespace FutReindexOperator.Fhir;

/// <summary>The status operation path for a job id, relative to the operator's own FHIR base.</summary>
public static class PollPaths
{
    public const string StatusOperation = "$hapi.fhir.reindex-status";

    /// <summary><c>$hapi.fhir.reindex-status?_jobId=&lt;url-encoded id&gt;</c>; the host of any Content-Location is never used.</summary>
    public static string For(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return $"{StatusOperation}?_jobId={Uri.EscapeDataString(jobId)}";
    }
}
