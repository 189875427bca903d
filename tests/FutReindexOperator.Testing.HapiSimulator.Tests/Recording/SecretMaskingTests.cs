using FutReindexOperator.Testing.HapiSimulator.Recording;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Recording;

public sealed class SecretMaskingTests
{
    [TestCase("Bearer abc.def.ghi", "Bearer ***")]
    [TestCase("Basic dXNlcjpwYXNz", "Basic ***")]
    [TestCase("token-without-scheme", "***")]
    public void MaskAuthorization_KeepsOnlyTheScheme(string value, string masked)
    {
        SecretMasking.MaskAuthorization(value).Should().Be(masked);
    }

    [Test]
    public void MaskFormSecrets_MasksPasswordSecretAndRefreshToken()
    {
        var masked = SecretMasking.MaskFormSecrets("grant_type=password&password=p%40ss&client_secret=s&refresh_token=r&username=u");

        masked.Should().Be("grant_type=password&password=***&client_secret=***&refresh_token=***&username=u");
    }
}
