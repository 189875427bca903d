using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Testing.World;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>) on 127.0.0.1 with its own data folder, scraping one operator every
/// second and evaluating rule files, read through its HTTP API. Disposal kills it and deletes the folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The <c>job</c> label of the operator's series.</summary>
    public const string Job = "fut-reindex-operator";

    /// <summary>The repository's alert rules, which <see cref="ScrapeAfterAJobAsync"/> loads.</summary>
    public const string RulesFile = "config/prometheus/rules.yaml";

    /// <summary>How long a first scrape of a series may take (Prometheus scrapes every second).</summary>
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo directory, Uri address)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = address };
    }

    /// <summary>Everything Prometheus wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts Prometheus scraping <paramref name="metricsAddress"/> and loading <paramref name="ruleFiles"/>; returns once it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri metricsAddress, IReadOnlyList<string> ruleFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricsAddress);
        ArgumentNullException.ThrowIfNull(ruleFiles);
        var directory = Directory.CreateTempSubdirectory("prometheus-");
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(
            config,
            $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [{{string.Join(", ", ruleFiles.Select(file => $"\"{file}\""))}}]
            scrape_configs:
              - job_name: {{Job}}
                static_configs:
                  - targets: ["{{metricsAddress.Authority}}"]
            """,
            cancellationToken);

        var port = FreePort();
        var start = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
            WorkingDirectory = directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, line) => server.Receive(line.Data);
        process.ErrorDataReceived += (_, line) => server.Receive(line.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.UntilAsync(server.IsReadyAsync, cancellationToken, StartTimeout, TimeSpan.FromMilliseconds(200), what: "Prometheus answers /-/ready");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one job (<c>scraped-job</c>) to Succeeded in <paramref name="world"/>, then starts Prometheus scraping the
    /// operator at <paramref name="metricsAddress"/> with <see cref="RulesFile"/> loaded; returns once a scrape saw the
    /// job's success, so every series the run produced is in Prometheus.
    /// </summary>
    public static async Task<PrometheusServer> ScrapeAfterAJobAsync(OperatorWorld world, Uri metricsAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        world.Simulator.Controls.SetServiceScript(OperatorWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        await world.CreateJobAsync("scraped-job", OperatorWorld.Spec(), cancellationToken);
        await world.WaitForPhaseAsync("scraped-job", ReindexPhase.Succeeded, cancellationToken);

        var prometheus = await StartAsync(metricsAddress, [RepositoryFiles.Combine(RulesFile)], cancellationToken);
        try
        {
            // The job's success is in the cache before Prometheus starts: once this series is there, a scrape saw it all.
            await prometheus.WaitForSeriesAsync("fut_reindex_last_success_timestamp_seconds", ScrapeWait, cancellationToken);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the series of <paramref name="selector"/> has been scraped (a query for it returns data).</summary>
    public Task WaitForSeriesAsync(string selector, TimeSpan timeout, CancellationToken cancellationToken)
        => Eventually.UntilAsync(
            async token => (await QueryAsync(selector, token)).Count > 0, cancellationToken, timeout, TimeSpan.FromMilliseconds(500), what: $"Prometheus holds {selector}");

    /// <summary>The instant vector of <paramref name="query"/>.</summary>
    public async Task<JsonArray> QueryAsync(string query, CancellationToken cancellationToken)
        => (await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(query)}", cancellationToken))["result"]!.AsArray();

    /// <summary>The label sets of every series <paramref name="selector"/> matches in the last 10 minutes.</summary>
    public async Task<IReadOnlyList<JsonObject>> SeriesAsync(string selector, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var data = await GetDataAsync($"api/v1/series?match[]={Uri.EscapeDataString(selector)}&start={start}", cancellationToken);
        return [.. data.AsArray().Select(series => series!.AsObject())];
    }

    /// <summary>The rule groups Prometheus loaded, with each rule's health and last error.</summary>
    public async Task<JsonArray> RuleGroupsAsync(CancellationToken cancellationToken)
        => (await GetDataAsync("api/v1/rules", cancellationToken))["groups"]!.AsArray();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        _http.Dispose();
        _directory.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<JsonNode> GetDataAsync(string relative, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await _http.GetStringAsync(new Uri(relative, UriKind.Relative), cancellationToken))!;
        return body["status"]!.ToString() == "success" ? body["data"]! : throw new InvalidOperationException($"Prometheus answered {body.ToJsonString()}");
    }

    private void Receive(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
