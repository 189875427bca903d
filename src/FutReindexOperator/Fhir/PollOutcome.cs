using FutReindexOperator.Auth;
using FutReindexOperator.Model;

namespace FutReindexOperator.Fhir;

/// <summary>The closed set of results of one <c>GET [base]/$hapi.fhir.reindex-status?_jobId=…</c>.</summary>
public abstract record PollOutcome
{
    private PollOutcome()
    {
    }

    /// <summary>202: the job has not ended; <paramref name="Text"/> is the server's own progress text.</summary>
    public sealed record Progress(ServerJobState State, string Text) : PollOutcome;

    /// <summary>The job completed; the report is what the operator could read of the server's report.</summary>
    public sealed record Succeeded(ReindexReport Report) : PollOutcome;

    /// <summary>The job was cancelled on the server.</summary>
    public sealed record Cancelled(string Text) : PollOutcome;

    /// <summary>The server shows an error: FAILED (final) or ERRORED (may still be retried); they look the same.</summary>
    public sealed record FailedOrErrored(string Message) : PollOutcome;

    /// <summary>404 HAPI-2787: the server does not know the job id.</summary>
    public sealed record Lost(string Diagnostics) : PollOutcome;

    /// <summary>The server refused the status request (400 other than a missing operation).</summary>
    public sealed record Rejected(int StatusCode, string Diagnostics) : PollOutcome;

    /// <summary>The server has no status operation (HAPI before 8.6.2).</summary>
    public sealed record StatusUnsupported(string Diagnostics) : PollOutcome;

    public sealed record Unauthorized(string Diagnostics) : PollOutcome;

    public sealed record Forbidden(string Diagnostics) : PollOutcome;

    /// <summary>429, 5xx, proxy faults, timeouts, resets: ask again later; the job's state is unknown, not changed.</summary>
    public sealed record Transient(string Cause) : PollOutcome;

    public sealed record CredentialsUnavailable(CredentialFailure Failure) : PollOutcome;
}
