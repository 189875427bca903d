using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Auth;

/// <summary>The <c>auth.bearerToken</c> mode: the token is the value of a key of a Secret.</summary>
public static class BearerTokenMapping
{
    /// <param name="secret">The Secret read from the job's namespace, or null when it does not exist.</param>
    /// <param name="reference">The Secret key named by the spec.</param>
    /// <param name="namespaceName">The job's namespace, for messages.</param>
    public static CredentialResult FromSecret(V1Secret? secret, SecretKeyRef reference, string namespaceName)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (secret is null)
        {
            return new CredentialResult.Failed(new CredentialFailure(CredentialProblem.SecretMissing, $"Secret {namespaceName}/{reference.Name} not found"));
        }

        if (SecretValues.Get(secret, reference.Key) is not { } token)
        {
            return new CredentialResult.Failed(new CredentialFailure(CredentialProblem.SecretIncomplete, $"Secret {namespaceName}/{reference.Name} has no value for key '{reference.Key}'"));
        }

        return BearerTokens.Problem(token) is { } problem
            ? new CredentialResult.Failed(new CredentialFailure(CredentialProblem.ValueUnusable, $"the value of key '{reference.Key}' of Secret {namespaceName}/{reference.Name} cannot be sent as a bearer token: {problem}"))
            : new CredentialResult.Token(token);
    }
}
