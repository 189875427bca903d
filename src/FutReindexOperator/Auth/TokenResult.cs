namespace FutReindexOperator.Auth;

/// <summary>The result of one token request.</summary>
public abstract record TokenResult
{
    private TokenResult()
    {
    }

    public sealed record Issued(AccessToken Token) : TokenResult;

    public sealed record Failed(CredentialFailure Failure) : TokenResult;
}
