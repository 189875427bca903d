using FutReindexOperator.Auth;

namespace FutReindexOperator.Tests.Auth;

public sealed class AccessTokenTests
{
    private static readonly DateTimeOffset Obtained = new(2026, 4, 16, 12, 0, 0, TimeSpan.Zero);

    [TestCase(0, true)]
    [TestCase(269, true)]
    [TestCase(270, false)]
    public void IsFresh_FiveMinuteToken_RenewsThirtySecondsBeforeExpiry(int secondsLater, bool fresh)
    {
        var token = new AccessToken("value", Obtained, Obtained.AddMinutes(5));

        token.IsFresh(Obtained.AddSeconds(secondsLater), TimeSpan.FromSeconds(30)).Should().Be(fresh);
    }

    [Test]
    public void IsFresh_TokenShorterThanTheMargin_RenewsAtHalfItsLifetime()
    {
        var token = new AccessToken("value", Obtained, Obtained.AddSeconds(20));

        (token.IsFresh(Obtained.AddSeconds(9), TimeSpan.FromSeconds(30)), token.IsFresh(Obtained.AddSeconds(10), TimeSpan.FromSeconds(30)))
            .Should().Be((true, false));
    }

    [Test]
    public void ToString_NeverShowsTheValue()
    {
        new AccessToken("secret-token-value", Obtained, Obtained.AddMinutes(5)).ToString().Should().NotContain("secret-token-value");
    }
}
