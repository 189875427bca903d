using System.Net.Sockets;
using FutReindexOperator.Fhir;

namespace FutReindexOperator.Tests.Fhir;

public sealed class TransportFailuresTests
{
    [Test]
    public void ProvesNotSent_ConnectionRefused_IsTrue()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (organization:8080)", new SocketException((int)SocketError.ConnectionRefused));

        TransportFailures.ProvesNotSent(refused).Should().BeTrue();
    }

    [Test]
    public void ProvesNotSent_ResponseEndedAfterSending_IsFalse()
    {
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("reset"));

        TransportFailures.ProvesNotSent(reset).Should().BeFalse();
    }

    [Test]
    public void ProvesNotSent_Timeout_IsFalse()
    {
        TransportFailures.ProvesNotSent(new TaskCanceledException("timeout", new TimeoutException())).Should().BeFalse();
    }
}
