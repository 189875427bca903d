namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>Options for the standalone process: <c>appsettings.json</c>, <c>HAPISIM_</c> environment variables and the command line.</summary>
public static class StandaloneConfiguration
{
    /// <summary>Short command-line switches and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--port"] = "HapiSimulator:Port",
        ["--services"] = "HapiSimulator:ServiceList",
        ["--namespace"] = "HapiSimulator:Namespace",
        ["--maintenance-interval"] = "HapiSimulator:MaintenanceInterval",
        ["--generation"] = "HapiSimulator:Hapi:Generation",
        ["--seed"] = "HapiSimulator:Seed",
        ["--service-listeners"] = "HapiSimulator:ServiceListeners",
    };

    /// <summary>Reads the options; <c>--services a,b,c</c> (or <c>HapiSimulator:ServiceList</c>) replaces <c>HapiSimulator:Services</c>.</summary>
    public static HapiSimulatorOptions Load(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("HAPISIM_")
            .AddCommandLine(args, SwitchMappings.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal))
            .Build();
        var section = configuration.GetSection(HapiSimulatorOptions.SectionName);

        // The binder appends to pre-filled lists, so the service list starts empty and gets its default afterwards.
        var options = new HapiSimulatorOptions { Services = [] };
        section.Bind(options);
        var serviceList = section["ServiceList"];
        if (!string.IsNullOrWhiteSpace(serviceList))
        {
            options.Services.Clear();
            foreach (var service in serviceList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.Services.Add(service);
            }
        }

        if (options.Services.Count == 0)
        {
            options.Services.Add("organization");
        }

        options.ValidateOrThrow();
        return options;
    }
}
