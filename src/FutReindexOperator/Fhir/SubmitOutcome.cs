using FutReindexOperator.Auth;

namespace FutReindexOperator.Fhir;

/// <summary>The closed set of results of one <c>POST [base]/$reindex</c>.</summary>
public abstract record SubmitOutcome
{
    private SubmitOutcome()
    {
    }

    /// <summary>The server accepted the job. <paramref name="Trackable"/> is false for a legacy server without a status operation.</summary>
    public sealed record Accepted(string JobId, bool Trackable, string ServerMessage) : SubmitOutcome;

    /// <summary>A 2xx answer in which no job id could be found: a job probably exists but cannot be followed.</summary>
    public sealed record AcceptedWithoutJobId(string ServerMessage) : SubmitOutcome;

    /// <summary>The server refused the request for good (400 and other client errors), with its diagnostics.</summary>
    public sealed record Rejected(int StatusCode, string Diagnostics) : SubmitOutcome;

    /// <summary>401: the credentials were not accepted. Nothing was started.</summary>
    public sealed record Unauthorized(string Diagnostics) : SubmitOutcome;

    /// <summary>403 from FHIR or the mesh (<c>RBAC: access denied</c>). Nothing was started.</summary>
    public sealed record Forbidden(string Diagnostics) : SubmitOutcome;

    /// <summary>The request certainly did not reach the server (connection refused, Envoy could not connect, 429); safe to send again.</summary>
    public sealed record NotSent(string Cause) : SubmitOutcome;

    /// <summary>The request may have reached the server (timeout or reset after sending, 504, a server error); a job may exist.</summary>
    public sealed record MaybeSent(string Cause) : SubmitOutcome;

    /// <summary>No credential could be had, so nothing was sent.</summary>
    public sealed record CredentialsUnavailable(CredentialFailure Failure) : SubmitOutcome;
}
