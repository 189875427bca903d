using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;

namespace FutReindexOperator.Hosting;

/// <summary>
/// The operator's logging defaults, below every configuration source so that <c>appsettings.json</c>, environment
/// variables and the command line still win:
/// <list type="bullet">
/// <item>HttpClient's per-request lines (<c>System.Net.Http.HttpClient.*</c>, two or four Information lines per
/// request) are off: Warning and above only. The requests are counted in metrics instead.</item>
/// <item>The JSON console format (<c>Logging:Console:FormatterName=json</c>) writes one object per line with a UTC
/// ISO 8601 <c>Timestamp</c> and the reconcile scope (<c>Scopes</c>: reconcile id, controller, namespace, name).</item>
/// </list>
/// </summary>
public static class LoggingDefaults
{
    /// <summary>The timestamp format of JSON lines when none is configured: ISO 8601 in UTC with milliseconds.</summary>
    public const string JsonTimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    private const string FormatterOptions = "Logging:Console:FormatterOptions:";

    /// <summary>Configuration values that apply unless a source sets the key.</summary>
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    /// <summary>Puts <see cref="Values"/> beneath every source of <paramref name="configuration"/>.</summary>
    public static void AddTo(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
    }

    /// <summary>Gives the JSON console format a timestamp and scopes unless <paramref name="configuration"/> sets them.</summary>
    public static IServiceCollection AddJsonLogDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.PostConfigure<JsonConsoleFormatterOptions>(options =>
        {
            if (configuration[FormatterOptions + nameof(options.TimestampFormat)] is null)
            {
                options.TimestampFormat = JsonTimestampFormat;
                if (configuration[FormatterOptions + nameof(options.UseUtcTimestamp)] is null)
                {
                    options.UseUtcTimestamp = true;
                }
            }

            if (configuration[FormatterOptions + nameof(options.IncludeScopes)] is null)
            {
                options.IncludeScopes = true;
            }
        });
        return services;
    }
}
