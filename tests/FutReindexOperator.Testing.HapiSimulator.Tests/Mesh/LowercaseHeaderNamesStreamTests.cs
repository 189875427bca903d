using System.Text;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Mesh;

public sealed class LowercaseHeaderNamesStreamTests
{
    [Test]
    public void Write_ResponsesOnAKeptAliveConnection_LowercasesEveryHeadAndNoBody()
    {
        const string first = "HTTP/1.1 202 Accepted\r\nContent-Length: 12\r\nX-Powered-By: HAPI\r\n\r\nA: B\r\n\r\nC: D";
        const string second = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n";

        var written = WriteInPieces(first + second, 1);

        written.Should().Be(
            "HTTP/1.1 202 Accepted\r\ncontent-length: 12\r\nx-powered-by: HAPI\r\n\r\nA: B\r\n\r\nC: D"
            + "HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 0\r\n\r\n");
    }

    [Test]
    public void Write_InterimResponse_LowercasesTheFinalOneToo()
    {
        var written = WriteInPieces("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 2\r\n\r\nok", 7);

        written.Should().Be("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ndate: x\r\ncontent-length: 2\r\n\r\nok");
    }

    [Test]
    public void Write_ChunkedResponse_PassesTheRestThroughUnchanged()
    {
        const string rest = "2\r\nok\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nDate: x\r\n\r\n";

        var written = WriteInPieces("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + rest, 5);

        written.Should().Be("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n" + rest);
    }

    [Test]
    public void Write_SomethingOtherThanAResponse_PassesThroughUnchanged()
    {
        const string text = "garbage: Value\r\n\r\nHTTP/1.1 200 OK\r\nDate: x\r\n\r\n";

        WriteInPieces(text, 3).Should().Be(text);
    }

    private static string WriteInPieces(string text, int pieceLength)
    {
        using var sink = new MemoryStream();
        using (var stream = new LowercaseHeaderNamesStream(sink))
        {
            var bytes = Encoding.Latin1.GetBytes(text);
            for (var offset = 0; offset < bytes.Length; offset += pieceLength)
            {
                stream.Write(bytes, offset, Math.Min(pieceLength, bytes.Length - offset));
            }
        }

        return Encoding.Latin1.GetString(sink.ToArray());
    }
}
