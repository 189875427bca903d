using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Api;

public sealed class ContinueTokenTests
{
    [Test]
    public void Decode_EncodedToken_SameResourceVersionAndKey()
    {
        var token = new ContinueToken(42, "ns/name");

        ContinueToken.Decode(token.Encode()).Should().Be(token);
    }

    [TestCase("not base64!")]
    [TestCase("e30=")]
    public void Decode_ForeignToken_BadRequest(string token)
    {
        var decode = () => ContinueToken.Decode(token);

        decode.Should().Throw<ApiException>().Where(e => e.Code == 400);
    }
}
