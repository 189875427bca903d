using System.Text;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Serialization;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Serialization;

public sealed class ProtobufBodiesTests
{
    private static byte[] Field(int number, byte[] payload) => [(byte)((number << 3) | 2), (byte)payload.Length, .. payload];

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] Entry(int number, string key, byte[] value) => Field(number, [.. Field(1, key), .. Field(2, value)]);

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        [.. "k8s\0"u8.ToArray(), .. Field(1, [.. Field(1, apiVersion), .. Field(2, kind)]), .. Field(2, raw)];

    [Test]
    public void Decode_Secret_MetadataDataAndTypeAsJsonShowsThem()
    {
        var metadata = Field(1, [.. Field(1, "creds"), .. Field(3, "ns"), .. Entry(11, "app", Encoding.UTF8.GetBytes("x"))]);
        var body = Envelope("v1", "Secret", [.. metadata, .. Entry(2, "token", [0xFF, 0x01]), .. Field(3, "Opaque")]);

        var value = ProtobufBodies.Decode(body);

        value["kind"]!.GetValue<string>().Should().Be("Secret");
        value["metadata"]!["name"]!.GetValue<string>().Should().Be("creds");
        value["metadata"]!["namespace"]!.GetValue<string>().Should().Be("ns");
        value["metadata"]!["labels"]!["app"]!.GetValue<string>().Should().Be("x");
        value["data"]!["token"]!.GetValue<string>().Should().Be(Convert.ToBase64String([0xFF, 0x01]));
        value["type"]!.GetValue<string>().Should().Be("Opaque");
    }

    [Test]
    public void Decode_UnsupportedKind_UnsupportedMediaType()
    {
        var decode = () => ProtobufBodies.Decode(Envelope("v1", "Pod", []));

        decode.Should().Throw<ApiException>().Where(e => e.Code == 415 && e.Message.Contains("Pod", StringComparison.Ordinal));
    }

    [Test]
    public void Decode_Truncated_BadRequest()
    {
        var decode = () => ProtobufBodies.Decode([.. "k8s\0"u8.ToArray(), 0x0A, 0x10, 0x01]);

        decode.Should().Throw<ApiException>().Where(e => e.Code == 400);
    }
}
