using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Cluster;
using FutReindexOperator.Sandbox.Display;
using FutReindexOperator.Sandbox.Faults;
using FutReindexOperator.Sandbox.Monitoring;
using FutReindexOperator.Sandbox.OperatorHost;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Sandbox.Simulation;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using k8s;

namespace FutReindexOperator.Sandbox;

/// <summary>
/// One sandbox run: the API test server and the HAPI simulator in this process, the CRD, Services, Secrets and samples
/// installed through the Kubernetes API, the production operator as a child process, the live view, the summary. The
/// plan samples run next to the jobs, over every simulated service (each Service labelled as they select).
/// </summary>
public sealed class SandboxRun(SandboxOptions options, TextWriter output, IJobView view, TimeProvider timeProvider)
{
    private static readonly TimeSpan OperatorReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs until every job and plan settled (or the timeout), then, with <c>--keep</c>, until <paramref name="stop"/>; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var configDirectory = Path.Combine(AppContext.BaseDirectory, "config");
        IReadOnlyList<JsonObject> crds, samples;
        try
        {
            crds = ManifestReader.ReadKustomization(Path.Combine(configDirectory, "crd"));
            samples = ManifestReader.ReadKustomization(Path.Combine(configDirectory, "samples"));
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            await Console.Error.WriteLineAsync($"The sandbox could not read the CRD and samples under {configDirectory}: {exception.Message}");
            return ExitCodes.StartFailed;
        }

        var workDirectory = Directory.CreateTempSubdirectory("fut-reindex-sandbox-").FullName;
        var secrets = samples.Where(manifest => ManifestIdentity.Of(manifest).Kind == "Secret").ToList();

        await using var apiServer = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, timeProvider, stop);
        var kubeconfigPath = Path.Combine(workDirectory, "kubeconfig");
        apiServer.WriteKubeconfig(kubeconfigPath);
        output.WriteLine($"Kubernetes API test server  {apiServer.BaseAddress}  (kubeconfig {kubeconfigPath})");

        await using var simulator = await HapiFhirSimulator.StartAsync(SimulatorSetup.Options(options.Speed, secrets), timeProvider, stop);
        output.WriteLine($"HAPI FHIR simulator         {simulator.BaseAddress}  (token endpoint {simulator.TokenUrl})");
        foreach (var service in SimulatedServices.All)
        {
            output.WriteLine($"  {service,-13} Service {SandboxOptions.Namespace}/{service} port http:{simulator.ServicePort(service)} -> {simulator.ServiceListenerBase(service)}");
        }

        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        var installer = new ClusterInstaller(client);
        var jobs = samples.Where(manifest => ManifestIdentity.Of(manifest).Kind == ReindexJob.KindName)
            .Select(job => SampleAdjustments.ShortenPolling(SampleAdjustments.PointTokenUrlAt(job, simulator.BaseAddress), options.Speed.PollInterval))
            .Concat(GeneratedJobs.Create(options.ExtraJobs, options.Speed, simulator.TokenUrl))
            .ToList();
        var plans = samples.Where(manifest => ManifestIdentity.Of(manifest).Kind == ReindexPlan.KindName).ToList();
        var operatorKubeconfigPath = Path.Combine(workDirectory, "operator-kubeconfig");
        try
        {
            await InstallAsync(installer, crds, secrets, PlanSelectorLabels.Of(plans), simulator, stop);

            // The operator runs as its ServiceAccount under the namespaced RBAC that ships, as a cluster would run it.
            await RbacInstall.ApplyAsync(client, OperatorRbac.Namespaced, SandboxOptions.Namespace, stop);
            KubeApiTestServer.WriteKubeconfig(operatorKubeconfigPath, apiServer.ServiceAccountKubeconfig(RbacInstall.OperatorNamespace, RbacInstall.ServiceAccount));
        }
        catch (k8s.Autorest.HttpOperationException exception)
        {
            await Console.Error.WriteLineAsync($"The API server refused a manifest: {Refusal(exception)}");
            return ExitCodes.StartFailed;
        }
        catch (InvalidDataException exception)
        {
            await Console.Error.WriteLineAsync($"The sandbox could not install the manifests: {exception.Message}");
            return ExitCodes.StartFailed;
        }

        var faults = FaultPlan.For(options.Faults);
        FaultInjection.Apply(faults, apiServer, simulator);
        var environment = OperatorConfiguration.Environment(
            operatorKubeconfigPath, options, SimulatedServices.WithSampleJobs.Count, ExternalTargets(samples, simulator), simulator.TokenUrl);
        output.WriteLine($"Starting the operator as {RbacInstall.OperatorUser} (config/rbac/namespaced): {DotnetHost.Path} FutReindexOperator.dll (log {Path.Combine(workDirectory, "operator.log")})");
        OperatorProcess operatorProcess;
        try
        {
            operatorProcess = await OperatorProcess.StartAsync(
                new OperatorLaunch(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"), environment) { LogPath = Path.Combine(workDirectory, "operator.log") },
                OperatorReadyTimeout,
                stop);
        }
        catch (OperatorStartException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StartFailed;
        }

        await using (operatorProcess)
        {
            var planNames = plans.Select(plan => ManifestIdentity.Of(plan).Name).ToList();
            output.WriteLine($"Operator ready (pid {operatorProcess.Id}); creating {jobs.Count} ReindexJobs in namespace {SandboxOptions.Namespace}"
                + (plans.Count == 0 ? "." : $" and the ReindexPlan{(plans.Count == 1 ? "" : "s")} {string.Join(", ", planNames)} over the Services {PlanSelection(plans)}."));
            output.WriteLine();
            try
            {
                foreach (var manifest in jobs.Concat(plans))
                {
                    await installer.CreateAsync(manifest, stop);
                }
            }
            catch (k8s.Autorest.HttpOperationException exception)
            {
                await Console.Error.WriteLineAsync($"The API server refused a ReindexJob or ReindexPlan: {Refusal(exception)}");
                return ExitCodes.StartFailed;
            }

            using var watchDrops = new CancellationTokenSource();
            var dropping = FaultInjection.DropWatchesAsync(faults, apiServer, timeProvider, watchDrops.Token);
            var board = new JobBoard([.. jobs.Select(job => (ManifestIdentity.Of(job).Name, job["spec"]!["target"]!["service"]!.GetValue<string>()))], planNames);
            var elapsed = await new JobMonitor(installer, view, output, timeProvider).RunAsync(board, SandboxOptions.Namespace, operatorProcess, options.Timeout, stop);
            await watchDrops.CancelAsync();
            await dropping;

            output.WriteLine();
            foreach (var line in SummaryReport.Render(board.Results, board.PlanResults, elapsed))
            {
                output.WriteLine(line);
            }

            var refused = apiServer.Denials.For(RbacInstall.OperatorUser);
            foreach (var message in refused.Select(denial => denial.Message).Distinct(StringComparer.Ordinal))
            {
                output.WriteLine($"The API server refused the operator (its RBAC in config/rbac lacks this): {message}");
            }

            var allMet = board.Results.All(result => result.Met) && board.PlanResults.All(plan => plan.Met) && refused.Count == 0;
            if (!allMet)
            {
                output.WriteLine($"Operator log: {Path.Combine(workDirectory, "operator.log")}");
            }

            if (options.Keep && !stop.IsCancellationRequested)
            {
                await KeepRunningAsync(kubeconfigPath, planNames.FirstOrDefault(), stop);
            }

            if (allMet)
            {
                await operatorProcess.DisposeAsync();
                Directory.Delete(workDirectory, recursive: true);
            }

            return allMet ? ExitCodes.AllAsExpected : ExitCodes.NotAsExpected;
        }
    }

    // The Status object in the body names the object and the field; the exception's own message only has the code.
    private static string Refusal(k8s.Autorest.HttpOperationException exception) =>
        string.IsNullOrEmpty(exception.Response?.Content) ? exception.Message : exception.Response.Content;

    private static async Task InstallAsync(
        ClusterInstaller installer,
        IReadOnlyList<JsonObject> crds,
        IReadOnlyList<JsonObject> secrets,
        IReadOnlyDictionary<string, string> serviceLabels,
        HapiFhirSimulator simulator,
        CancellationToken stop)
    {
        foreach (var crd in crds)
        {
            await installer.CreateAsync(crd, stop);
        }

        await installer.EnsureNamespaceAsync(SandboxOptions.Namespace, stop);
        foreach (var service in SimulatedServices.All)
        {
            await installer.CreateServiceAsync(SandboxOptions.Namespace, service, simulator.ServicePort(service), serviceLabels, stop);
        }

        foreach (var secret in secrets)
        {
            await installer.CreateAsync(secret, stop);
        }
    }

    /// <summary>How the plans choose their Services, e.g. <c>labelled fhir.fut.dk/reindex=true</c> or <c>organization, task</c>.</summary>
    private static string PlanSelection(IEnumerable<JsonObject> plans) =>
        string.Join("; ", plans.Select(plan => plan["spec"]?["targets"] is JsonObject targets
            ? string.Join(" and ", new[]
            {
                targets["services"] is JsonArray services ? string.Join(", ", services.Select(service => service?.ToString())) : null,
                targets["selector"]?["matchLabels"] is JsonObject labels ? "labelled " + string.Join(",", labels.Select(label => $"{label.Key}={label.Value}")) : null,
            }.Where(part => part is not null))
            : "-"));

    /// <summary>
    /// Targets a local Service cannot stand for: a sample that names a fixed Service port (the port the operator puts in the
    /// URL) is given its service's simulator listener as an external target.
    /// </summary>
    private static List<(string Service, Uri BaseUrl)> ExternalTargets(IEnumerable<JsonObject> samples, HapiFhirSimulator simulator) =>
        [.. samples
            .Where(manifest => ManifestIdentity.Of(manifest).Kind == ReindexJob.KindName && manifest["spec"]?["target"]?["port"] is not null)
            .Select(manifest => manifest["spec"]!["target"]!["service"]!.GetValue<string>())
            .Distinct(StringComparer.Ordinal)
            .Select(service => (service, simulator.ServiceListenerBase(service)))];

    private async Task KeepRunningAsync(string kubeconfigPath, string? examplePlan, CancellationToken stop)
    {
        output.WriteLine();
        output.WriteLine("The sandbox keeps running (--keep). Kubeconfig:");
        output.WriteLine($"  {kubeconfigPath}");
        output.WriteLine("Try:");
        foreach (var command in KubectlHints.Commands(kubeconfigPath, SandboxOptions.Namespace, "organization-bearer", examplePlan))
        {
            output.WriteLine($"  {command}");
        }

        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, stop);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("Stopping the sandbox.");
        }
    }
}
