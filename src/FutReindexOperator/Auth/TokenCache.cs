using System.Collections.Concurrent;

namespace FutReindexOperator.Auth;

/// <summary>
/// Tokens per credential: the key names the endpoint, grant and Secret; the entry also remembers the fingerprint of
/// the credential values, so a rotated Secret never reuses a token obtained with the old values.
/// </summary>
public sealed class TokenCache(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, (string Fingerprint, AccessToken Token)> _tokens = new(StringComparer.Ordinal);

    /// <summary>The cached token when it was obtained with <paramref name="fingerprint"/> and is still fresh.</summary>
    public AccessToken? TryGetFresh(string key, string fingerprint, TimeSpan renewBefore)
        => _tokens.TryGetValue(key, out var entry) && entry.Fingerprint == fingerprint && entry.Token.IsFresh(timeProvider.GetUtcNow(), renewBefore)
            ? entry.Token
            : null;

    public void Store(string key, string fingerprint, AccessToken token) => _tokens[key] = (fingerprint, token);

    /// <summary>Forgets the token under <paramref name="key"/>, so the next request obtains a new one.</summary>
    public void Invalidate(string key) => _tokens.TryRemove(key, out _);
}
