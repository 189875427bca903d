using FutReindexOperator.Testing.HapiSimulator.Hosting;

var options = StandaloneConfiguration.Load(args);
await using var simulator = await HapiFhirSimulator.StartAsync(
    options,
    TimeProvider.System,
    logging => logging.AddSimpleConsole(console => console.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning),
    CancellationToken.None);
Console.WriteLine($"HAPI FHIR simulator listening on {simulator.BaseAddress}");
foreach (var service in options.Services)
{
    var ownListener = options.ServiceListeners ? $", own listener {simulator.ServiceListenerBase(service)}" : "";
    Console.WriteLine($"  {service}: {simulator.ServiceBase(service)} (public base {options.PublicBaseUrl(service)}{ownListener})");
}

Console.WriteLine($"  token endpoint: {simulator.TokenUrl}");
Console.WriteLine($"  control API: {simulator.BaseAddress}_sim/");

// Ctrl+C and SIGTERM stop the host (ASP.NET Core's console lifetime); this returns once it has stopped.
await simulator.WaitForShutdownAsync();
return 0;
