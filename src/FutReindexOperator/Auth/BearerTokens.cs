namespace FutReindexOperator.Auth;

/// <summary>
/// What a bearer token must be to go into an Authorization header: visible ASCII characters without spaces (RFC 6750's
/// b64token and every real token fit). Checked before anything is sent, so that a bad token is a clear credential
/// problem and never an exception in the middle of a request, where it could not be told from one that was sent.
/// </summary>
public static class BearerTokens
{
    /// <summary>What is wrong with <paramref name="token"/> as a header value, or null when nothing is; never shows the token.</summary>
    public static string? Problem(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        for (var index = 0; index < token.Length; index++)
        {
            var character = token[index];
            var what = character switch
            {
                '\r' or '\n' => "a line break",
                ' ' or '\t' => "a space or tab",
                < '!' or > '~' => "a character that is not visible ASCII",
                _ => null,
            };
            if (what is not null)
            {
                return $"it contains {what} (character {index + 1} of {token.Length}); a bearer token may hold only visible ASCII characters without spaces";
            }
        }

        return null;
    }
}
