using FutReindexOperator.Model;

namespace FutReindexOperator.Auth;

/// <summary>
/// Turns a job's <c>auth</c> into the bearer token for its next request. Secrets are read only from the job's own
/// namespace: the namespace comes from the job's metadata, never from the spec.
/// </summary>
public sealed class CredentialProvider(ISecretReader secrets, OAuth2TokenClient tokenClient, TokenCache cache, AuthOptions options)
{
    /// <summary>
    /// The token for a request of <paramref name="job"/> with <paramref name="auth"/>: the run's pinned
    /// <c>status.auth</c>, or the spec's before a run starts (the decision says which).
    /// </summary>
    public async Task<CredentialResult> GetAsync(ReindexJob job, AuthSpec auth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(auth);
        var namespaceName = job.Metadata.NamespaceProperty;
        if (auth.BearerToken is { } bearer)
        {
            var secret = await secrets.ReadAsync(namespaceName, bearer.SecretRef.Name, cancellationToken);
            return BearerTokenMapping.FromSecret(secret, bearer.SecretRef, namespaceName);
        }

        if (auth.OAuth2 is { } oauth2)
        {
            return await OAuth2Async(job, oauth2, cancellationToken);
        }

        return new CredentialResult.Token(null);
    }

    /// <summary>Forgets the cached token of <paramref name="job"/> with <paramref name="auth"/> (after a 401), so that its next request obtains a new one.</summary>
    public void Invalidate(ReindexJob job, AuthSpec auth)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(auth);
        if (auth.OAuth2 is { } oauth2)
        {
            cache.Invalidate(CacheKey(job, oauth2));
        }
    }

    private async Task<CredentialResult> OAuth2Async(ReindexJob job, OAuth2Auth oauth2, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(oauth2.TokenUrl, UriKind.Absolute, out var tokenUrl) || (tokenUrl.Scheme != Uri.UriSchemeHttps && tokenUrl.Scheme != Uri.UriSchemeHttp))
        {
            return Failed(CredentialProblem.EndpointNotAllowed, "spec.auth.oauth2.tokenUrl is not an absolute http(s) URL");
        }

        var origin = tokenUrl.GetLeftPart(UriPartial.Authority);
        if (!options.AllowedTokenEndpoints.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return Failed(CredentialProblem.EndpointNotAllowed, options.AllowedTokenEndpoints.Count == 0
                ? $"Reindex:Auth:AllowedTokenEndpoints does not list {origin}; the operator allows no OAuth2 token endpoint until an administrator lists it"
                : $"Reindex:Auth:AllowedTokenEndpoints does not list {origin}; an administrator decides which token endpoints jobs may use");
        }

        var namespaceName = job.Metadata.NamespaceProperty;
        var secret = await secrets.ReadAsync(namespaceName, oauth2.SecretName, cancellationToken);
        var (credentials, failure) = OAuth2Credentials.FromSecret(secret, oauth2, namespaceName);
        if (credentials is null)
        {
            return new CredentialResult.Failed(failure!);
        }

        var key = CacheKey(job, oauth2);
        var fingerprint = credentials.Fingerprint;
        if (cache.TryGetFresh(key, fingerprint, options.RenewBefore) is { } cached)
        {
            return new CredentialResult.Token(cached.Value);
        }

        switch (await tokenClient.RequestAsync(tokenUrl, oauth2.Grant, credentials, oauth2.Scope, cancellationToken))
        {
            case TokenResult.Issued issued:
                cache.Store(key, fingerprint, issued.Token);
                return new CredentialResult.Token(issued.Token.Value);
            case TokenResult.Failed failed:
                return new CredentialResult.Failed(failed.Failure);
            default:
                throw new InvalidOperationException("Unknown token result.");
        }
    }

    private static string CacheKey(ReindexJob job, OAuth2Auth oauth2)
        => $"{oauth2.TokenUrl}|{oauth2.Grant}|{oauth2.Scope}|{job.Metadata.NamespaceProperty}/{oauth2.SecretName}|{oauth2.ClientIdKey}|{oauth2.UsernameKey}";

    private static CredentialResult.Failed Failed(CredentialProblem problem, string message) => new(new CredentialFailure(problem, message));
}
