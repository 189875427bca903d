namespace FutReindexOperator.Auth;

/// <summary>The credential for one request: a bearer token (null: send none), or why there is none.</summary>
public abstract record CredentialResult
{
    private CredentialResult()
    {
    }

    /// <summary>A bearer token to send, or null for <c>auth.none</c>. <see cref="ToString"/> never shows the token.</summary>
    public sealed record Token(string? BearerToken) : CredentialResult
    {
        public override string ToString() => BearerToken is null ? "Token { none }" : "Token { *** }";
    }

    public sealed record Failed(CredentialFailure Failure) : CredentialResult;
}
