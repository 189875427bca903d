namespace FutReindexOperator.Auth;

/// <summary>A token from a token endpoint and when it expires. <see cref="ToString"/> never shows the value.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ObtainedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>True while the token may still be used: until <paramref name="renewBefore"/> (at most half its lifetime) before it expires.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan renewBefore)
    {
        var halfLife = (ExpiresAt - ObtainedAt) / 2;
        var margin = renewBefore < halfLife ? renewBefore : halfLife;
        return now < ExpiresAt - margin;
    }

    public override string ToString() => $"AccessToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
