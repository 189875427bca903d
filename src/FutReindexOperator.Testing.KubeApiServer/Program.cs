using System.Globalization;
using FutReindexOperator.Testing.KubeApiServer.Hosting;

// Standalone: dotnet run --project src/FutReindexOperator.Testing.KubeApiServer -- --port 18443 --kubeconfig-out <file>
var options = new KubeApiServerOptions();
string? kubeconfigOut = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
            options.Port = port;
            i++;
            break;
        case "--https-port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var httpsPort):
            options.HttpsPort = httpsPort;
            i++;
            break;
        case "--kubeconfig-out" when value is not null:
            kubeconfigOut = value;
            i++;
            break;
        case "--bookmark-interval-seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
            options.BookmarkInterval = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        case "--history-window" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var window):
            options.HistoryWindow = window;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync(
                $"unknown or incomplete argument '{args[i]}'; usage: --port <0-65535> [--https-port <0-65535>] [--kubeconfig-out <file>] [--bookmark-interval-seconds <s>] [--history-window <n>]");
            return 2;
    }
}

await using var server = await KubeApiTestServer.StartAsync(options);
if (kubeconfigOut is not null)
{
    server.WriteKubeconfig(kubeconfigOut);
}

Console.WriteLine($"Kubernetes API test server listening on {server.BaseAddress} and {server.HttpsAddress} (kubeconfig, as the admin: {kubeconfigOut ?? "not written"}); Ctrl+C or SIGTERM stops it.");
await server.WaitForShutdownAsync();
return 0;
