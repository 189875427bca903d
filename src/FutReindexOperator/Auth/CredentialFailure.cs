namespace FutReindexOperator.Auth;

/// <summary>A failure to obtain credentials, with a message that names the Secret or endpoint but never a secret value.</summary>
public sealed record CredentialFailure(CredentialProblem Problem, string Message)
{
    /// <summary>True when trying again later may help without anyone changing anything.</summary>
    public bool IsTransient => Problem is CredentialProblem.EndpointUnavailable;
}
