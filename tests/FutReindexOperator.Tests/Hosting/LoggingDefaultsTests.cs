using FutReindexOperator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Tests.Hosting;

public sealed class LoggingDefaultsTests
{
    private const string HttpClientLevel = "Logging:LogLevel:System.Net.Http.HttpClient";

    [Test]
    public void AddTo_NothingConfigured_TurnsHttpClientRequestLinesOff()
    {
        var configuration = new ConfigurationManager();

        LoggingDefaults.AddTo(configuration);

        configuration[HttpClientLevel].Should().Be("Warning");
    }

    [Test]
    public void AddTo_OperatorSetsTheLevel_TheOperatorsValueWins()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { [HttpClientLevel] = "Information" });

        LoggingDefaults.AddTo(configuration);

        configuration[HttpClientLevel].Should().Be("Information");
        configuration.Sources[0].Should().BeOfType<MemoryConfigurationSource>("the defaults sit beneath every source");
    }

    [Test]
    public void AddJsonLogDefaults_NothingConfigured_WritesUtcIsoTimestampsAndScopes()
    {
        var options = JsonOptions(new Dictionary<string, string?>());

        options.TimestampFormat.Should().Be("yyyy-MM-ddTHH:mm:ss.fffZ");
        options.UseUtcTimestamp.Should().BeTrue();
        options.IncludeScopes.Should().BeTrue();
        options.JsonWriterOptions.Indented.Should().BeFalse("one entry is one line");
    }

    [Test]
    public void AddJsonLogDefaults_OperatorChoseFormatAndScopes_KeepsTheirChoice()
    {
        var options = JsonOptions(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss ",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "false",
        });

        options.TimestampFormat.Should().Be("HH:mm:ss ");
        options.UseUtcTimestamp.Should().BeFalse();
        options.IncludeScopes.Should().BeFalse();
    }

    private static JsonConsoleFormatterOptions JsonOptions(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddJsonLogDefaults(builder.Configuration);
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
    }
}
