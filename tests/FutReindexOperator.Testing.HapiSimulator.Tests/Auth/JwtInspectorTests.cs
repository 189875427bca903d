using System.Security.Cryptography;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Auth;

public sealed class JwtInspectorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 16, 11, 27, 1, TimeSpan.Zero));
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Test]
    public void Check_FutExchangeToken_IsAllowed()
    {
        var decision = Inspector().Check($"Bearer {TestTokens.FutExchange}");

        decision.Verdict.Should().Be(AccessVerdict.Allowed);
    }

    [Test]
    public void Check_IssuedToken_IsAllowed()
    {
        var token = Issuer().IssueAccessToken(new TokenPrincipal("client", "user-1", "user", ["$reindex"], "SYSTEM"));

        Inspector().Check($"Bearer {token}").Verdict.Should().Be(AccessVerdict.Allowed);
    }

    [Test]
    public void Check_TamperedSignedToken_IsUnauthenticated()
    {
        var token = Issuer().IssueAccessToken(new TokenPrincipal("client", "user-1", "user", ["$reindex"], "SYSTEM"));
        var parts = token.Split('.');
        var forged = parts[0] + "." + TestTokens.AlgNone(roles: ["$reindex", "admin"]).Split('.')[1] + "." + parts[2];

        var decision = Inspector().Check($"Bearer {forged}");

        decision.Verdict.Should().Be(AccessVerdict.Unauthenticated);
        decision.Reason.Should().Be("the token signature is invalid");
    }

    [Test]
    public void Check_TokenSignedByAnotherKey_IsUnauthenticated()
    {
        var token = new TokenIssuer(new AuthOptions(), _clock, RandomNumberGenerator.GetBytes(32), "iss")
            .IssueAccessToken(new TokenPrincipal("client", "user-1", "user", ["$reindex"], "SYSTEM"));

        Inspector().Check($"Bearer {token}").Verdict.Should().Be(AccessVerdict.Unauthenticated);
    }

    [Test]
    public void Check_BasicScheme_IsUnauthenticated()
    {
        Inspector().Check("Basic dXNlcjpwYXNz").Verdict.Should().Be(AccessVerdict.Unauthenticated);
    }

    [Test]
    public void Check_MissingUserType_IsForbiddenNamingTheEmptyType()
    {
        var decision = Inspector().Check($"Bearer {TestTokens.AlgNone(userType: null)}");

        decision.Verdict.Should().Be(AccessVerdict.Forbidden);
        decision.Diagnostics.Should().Be("Operation not allowed for user type: ");
    }

    [Test]
    public void Check_ConfiguredRole_IsRequired()
    {
        var options = new AuthOptions { RequiredRole = "$reindex-all" };

        var decision = new JwtInspector(options, _clock, _key).Check($"Bearer {TestTokens.FutExchange}");

        decision.Diagnostics.Should().Be("Insufficient permission for $reindex-all for SYSTEM");
    }

    [Test]
    public void Check_ConfiguredStaticToken_IsAllowed()
    {
        var options = new AuthOptions { StaticTokens = ["fixed-token-from-a-secret"] };

        new JwtInspector(options, _clock, _key).Check("Bearer fixed-token-from-a-secret").Verdict.Should().Be(AccessVerdict.Allowed);
    }

    [Test]
    public void Check_OpaqueTokenNotConfigured_IsUnauthenticated()
    {
        var options = new AuthOptions { StaticTokens = ["fixed-token-from-a-secret"] };

        new JwtInspector(options, _clock, _key).Check("Bearer another-token").Verdict.Should().Be(AccessVerdict.Unauthenticated);
    }

    private JwtInspector Inspector() => new(new AuthOptions(), _clock, _key);

    private TokenIssuer Issuer() => new(new AuthOptions(), _clock, _key, "iss");
}
