using System.ComponentModel.DataAnnotations;
using System.Net;
using FutReindexOperator.Runtime.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Hosting;

/// <summary>The health and metrics server's bind address, IPv6 included.</summary>
public sealed class OperatorHttpServerTests
{
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("0.0.0.0")]
    [TestCase("127.0.0.1")]
    public void Validate_IPv4OrIPv6BindAddress_IsAccepted(string address)
    {
        var options = new OperatorRuntimeOptions { HttpBindAddress = address };

        options.Validate(new ValidationContext(options)).Should().BeEmpty();
    }

    [TestCase("localhost")]
    [TestCase("::g")]
    [TestCase("0.0.0.0:8080")]
    public void Validate_NotAnAddress_NamesTheKeyAndWhatItTakes(string address)
    {
        var options = new OperatorRuntimeOptions { HttpBindAddress = address };

        options.Validate(new ValidationContext(options)).Should().ContainSingle()
            .Which.ErrorMessage.Should().Contain("OperatorRuntime:HttpBindAddress").And.Contain("::");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_IPv6AnyAddress_ListensOnIPv6AndServesIPv4ClientsToo(CancellationToken cancellationToken)
    {
        var options = Options.Create(new OperatorRuntimeOptions { HttpBindAddress = "::", HttpPort = 0 });
        using var server = new OperatorHttpServer(options, new RuntimeHealth(), Metrics.NewCustomRegistry(), NullLoggerFactory.Instance);

        await server.StartAsync(cancellationToken);
        try
        {
            server.Address!.Host.Should().Be("[::]");
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Address.Port}/healthz"), cancellationToken);

            response.StatusCode.Should().Be(HttpStatusCode.OK, "a dual-stack socket on :: accepts IPv4 connections");
        }
        finally
        {
            await server.StopAsync(cancellationToken);
        }
    }
}
