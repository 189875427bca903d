namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>The outcome of checking a request's bearer token.</summary>
public enum AccessVerdict
{
    Allowed,

    /// <summary>No, garbled, wrongly signed or expired token: 401.</summary>
    Unauthenticated,

    /// <summary>A valid token without the privilege or the user type: 403.</summary>
    Forbidden,
}

/// <summary>A verdict, the reason (safe to log: never the token) and, for 403, FUT's diagnostics.</summary>
public sealed record AccessDecision(AccessVerdict Verdict, string Reason, string? Diagnostics = null)
{
    public static AccessDecision Allowed { get; } = new(AccessVerdict.Allowed, "token accepted");

    public static AccessDecision Unauthenticated(string reason) => new(AccessVerdict.Unauthenticated, reason);

    public static AccessDecision Forbidden(string diagnostics) => new(AccessVerdict.Forbidden, diagnostics, diagnostics);
}
