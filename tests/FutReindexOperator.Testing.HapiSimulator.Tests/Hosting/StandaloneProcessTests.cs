using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.HapiSimulator.Tests.Support;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Hosting;

/// <summary>The simulator as its own process, as the sandbox and benchmarks run it.</summary>
public sealed class StandaloneProcessTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task The_standalone_process_serves_the_requested_services_and_prints_its_address(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.Testing.HapiSimulator.dll"), "--port", "0", "--services", "organization,careplan,task" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var address = await ReadAddressAsync(process, cancellationToken);
            using var client = new HttpClient { BaseAddress = address };

            var info = JsonNode.Parse(await client.GetStringAsync("_sim/info", cancellationToken))!;
            using var request = new HttpRequestMessage(HttpMethod.Post, "task/fhir/$reindex")
            {
                Content = new StringContent(Bodies.Urls("Task?"), System.Text.Encoding.UTF8, "application/fhir+json"),
            };
            request.Headers.Authorization = new("Bearer", TestTokens.FutExchange);
            using var response = await client.SendAsync(request, cancellationToken);

            info["services"]!.AsObject().Select(service => service.Key).Should().Equal("organization", "careplan", "task");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            response.Content.Headers.ContentLocation!.ToString().Should().StartWith("https://task.sim.local/fhir/$hapi.fhir.reindex-status?_jobId=");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task With_service_listeners_the_standalone_process_prints_and_serves_each_services_own_base(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.Testing.HapiSimulator.dll"), "--port", "0", "--services", "organization,task", "--service-listeners", "true" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            await ReadAddressAsync(process, cancellationToken);
            var organizationLine = await process.StandardOutput.ReadLineAsync(cancellationToken);
            var ownBase = System.Text.RegularExpressions.Regex.Match(organizationLine!, @"own listener (http://127\.0\.0\.1:\d+/fhir)").Groups[1].Value;
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, ownBase + "/$reindex")
            {
                Content = new StringContent(Bodies.Urls("Organization?"), System.Text.Encoding.UTF8, "application/fhir+json"),
            };
            request.Headers.Authorization = new("Bearer", TestTokens.FutExchange);

            using var response = await client.SendAsync(request, cancellationToken);

            organizationLine.Should().StartWith("  organization: ");
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            response.Content.Headers.ContentLocation!.ToString().Should().StartWith("https://organization.sim.local/fhir/");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<Uri> ReadAddressAsync(Process process, CancellationToken cancellationToken)
    {
        const string marker = "HAPI FHIR simulator listening on ";
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                return new Uri(line[marker.Length..]);
            }
        }

        throw new InvalidOperationException("The simulator exited without printing its address: " + await process.StandardError.ReadToEndAsync(cancellationToken));
    }
}
