namespace FutReindexOperator.Auth;

/// <summary>Why no credential could be had for a request.</summary>
public enum CredentialProblem
{
    /// <summary>The referenced Secret does not exist (yet) in the job's namespace.</summary>
    SecretMissing,

    /// <summary>The Secret exists but lacks a key the auth mode needs, or the key is empty.</summary>
    SecretIncomplete,

    /// <summary>A value of the Secret, or a token issued for it, cannot be sent (for example a token with a line break).</summary>
    ValueUnusable,

    /// <summary>The token endpoint refused the credentials (for example <c>invalid_grant</c>, <c>invalid_client</c>).</summary>
    Refused,

    /// <summary>The token endpoint could not be reached or answered with a server error; worth retrying.</summary>
    EndpointUnavailable,

    /// <summary>The token endpoint is not allowed by the operator's configuration.</summary>
    EndpointNotAllowed,
}
