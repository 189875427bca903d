using FutReindexOperator.Testing.HapiSimulator.Hosting;

var options = StandaloneConfiguration.Load(args);
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    stopping.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Cancel();

await using var simulator = await HapiFhirSimulator.StartAsync(
    options, TimeProvider.System, logging => logging.AddSimpleConsole(console => console.SingleLine = true), stopping.Token);
Console.WriteLine($"HAPI FHIR simulator listening on {simulator.BaseAddress}");
foreach (var service in options.Services)
{
    Console.WriteLine($"  {service}: {simulator.ServiceBase(service)} (public base {options.PublicBaseUrl(service)})");
}

Console.WriteLine($"  token endpoint: {simulator.TokenUrl}");
Console.WriteLine($"  control API: {simulator.BaseAddress}_sim/");
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

return 0;
