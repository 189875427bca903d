using System.Text.Json.Nodes;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Measuring;
using FutReindexOperator.Benchmarks.Processes;
using FutReindexOperator.Model;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>
/// One plan benchmark run: the servers with <see cref="PlanSettings.Services"/> + 1 simulated HAPI servers (each on its own
/// listener, behind its own Service), the operator started and idle; first one standalone ReindexJob on the unlabelled
/// Service, to its terminal status and until the API writes stop; then one ReindexPlan over the labelled Services, sampled
/// every 100 ms (its children and the simulator's unended jobs) until every child is terminal and the plan Complete, and
/// until the writes stop. The API server's counters, the events and the simulator's submissions make the
/// <see cref="PlanBenchResult"/>.
/// </summary>
public sealed class PlanRunner(TimeProvider timeProvider, TextWriter progress)
{
    public const string PlanName = "bench-plan";

    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
    private static readonly string JobResource = $"{ReindexJob.Plural}.{ReindexJob.ApiGroup}";
    private static readonly string PlanResource = $"{ReindexPlan.Plural}.{ReindexJob.ApiGroup}";

    /// <exception cref="TimeoutException">The operator was not ready, or the job or the plan did not end, in time.</exception>
    public async Task<PlanBenchResult> RunAsync(PlanSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new WorldOptions
        {
            Targets = settings.Services + 1,
            Namespaces = 1,
            ProgressPolls = settings.ProgressPolls,
            ServiceListeners = true,
            LabelledTargets = settings.Services,
        };
        await using var world = await BenchWorld.StartAsync(options, cancellationToken);
        await world.SetUpAsync(cancellationToken);
        var namespaceName = world.Targets[0].Namespace;
        await using var operatorProcess = OperatorLauncher.Start(world.OperatorEnvironment(options.Targets), world.OperatorLog, timeProvider);
        await using var sampler = ProcessSampler.ForProcess(operatorProcess.Id, SampleInterval, timeProvider);
        var startup = await Await(operatorProcess.Ready, world, "the operator's ready line", cancellationToken);
        var address = await Await(operatorProcess.HttpAddress, world, "the operator's metrics address", cancellationToken);
        using var http = new HttpClient();
        var scraper = new MetricsScraper(http, address);
        progress.WriteLine($"plan over {settings.Services} Services: operator ready after {startup.TotalSeconds:0.00} s; idling {settings.IdleSettle.TotalSeconds:0} s");
        await Task.Delay(settings.IdleSettle, timeProvider, cancellationToken);
        var idleRss = sampler.SampleNow()?.ResidentBytes ?? 0;

        // The standalone job, alone on the unlabelled Service.
        var jobTarget = world.Targets[^1];
        var jobBefore = world.ApiCounters();
        var jobStarted = timeProvider.GetTimestamp();
        await world.CreateJobAsync("standalone", jobTarget, cancellationToken);
        await Until(async token => (await world.ListJobsAsync(token)).Any(job => job.Metadata.Name == "standalone" && job.Status?.Phase is { } phase && phase.IsTerminal()), settings.Timeout, world, "the standalone job to end", cancellationToken);
        var jobSeconds = timeProvider.GetElapsedTime(jobStarted).TotalSeconds;
        var jobAfter = await QuietCountersAsync(world, cancellationToken);
        var jobWrites = Writes(jobAfter.Since(jobBefore));
        progress.WriteLine($"standalone job: terminal after {jobSeconds:0.00} s, {jobWrites.Values.Sum()} API writes");

        // The plan.
        var metricsBefore = await scraper.ScrapeAsync(cancellationToken);
        var planBefore = world.ApiCounters();
        var cpuBefore = sampler.SampleNow()?.CpuSeconds ?? 0;
        var runFrom = timeProvider.GetUtcNow();
        var planStarted = timeProvider.GetTimestamp();
        await world.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            Plan(world, namespaceName, settings.MaxConcurrentTargets), ReindexJob.ApiGroup, ReindexJob.ApiVersionName, namespaceName, ReindexPlan.Plural, cancellationToken: cancellationToken);
        var history = new ChildHistory();
        var planServices = world.Targets.Take(settings.Services).Select(target => target.Service).ToHashSet(StringComparer.Ordinal);
        var maxHapiRunning = 0;
        double? allTerminalSeconds = null;
        double? completeSeconds = null;
        ReindexPlan? plan = null;
        await Until(
            async token =>
            {
                var children = (await world.ListJobsAsync(token)).Where(job => job.Metadata.Labels?.TryGetValue(ReindexPlan.PlanLabel, out var owner) == true && owner == PlanName).ToList();
                history.Sample(children);
                maxHapiRunning = Math.Max(maxHapiRunning, world.Simulator.Controls.Jobs().Count(job => job.EndedAt is null && planServices.Contains(job.Service)));
                if (allTerminalSeconds is null && history.Children == settings.Services && history.Terminal == settings.Services)
                {
                    allTerminalSeconds = timeProvider.GetElapsedTime(planStarted).TotalSeconds;
                }

                plan = await GetPlanAsync(world, namespaceName, token);
                if (completeSeconds is null && plan.Status?.Conditions.Any(condition => condition.Type == ReindexConditions.Complete && condition.Status == "True") == true)
                {
                    completeSeconds = timeProvider.GetElapsedTime(planStarted).TotalSeconds;
                }

                return allTerminalSeconds is not null && completeSeconds is not null;
            },
            settings.Timeout,
            world,
            "every child to end and the plan to be Complete",
            cancellationToken);
        var cpuAfter = sampler.SampleNow()?.CpuSeconds ?? cpuBefore;
        var peakRss = sampler.PeakResidentBytes(runFrom);
        var metricsAfter = await scraper.ScrapeAsync(cancellationToken);
        var planAfter = await QuietCountersAsync(world, cancellationToken);
        world.ThrowIfTheOperatorWasRefused();
        var planWrites = Writes(planAfter.Since(planBefore).Without(new Counters(new Dictionary<string, long> { [ApiRequestKey.Of("create", PlanResource)] = 1 })));
        var refused = world.Api.Controls.Requests.Recent
            .Where(request => request.Time >= runFrom && request.StatusCode >= 400 && ApiRequestKey.IsWrite(ApiRequestKey.Of(request.Verb, request.Resource)))
            .GroupBy(request => $"{request.Verb} {request.Resource} {request.StatusCode}")
            .ToDictionary(group => group.Key, group => (long)group.Count(), StringComparer.Ordinal);
        progress.WriteLine($"plan: all children terminal after {allTerminalSeconds:0.00} s, Complete after {completeSeconds:0.00} s, {planWrites.Values.Sum()} API writes");

        var events = await world.Client.EventsV1.ListNamespacedEventAsync(namespaceName, cancellationToken: cancellationToken);
        var childNames = history.Names.ToHashSet(StringComparer.Ordinal);
        var jobEvents = events.Items.Where(item => item.Regarding?.Name == "standalone" && item.Regarding.Kind == ReindexJob.KindName).ToList();
        var planEvents = events.Items
            .Where(item => item.Regarding is { } regarding
                && ((regarding.Kind == ReindexJob.KindName && childNames.Contains(regarding.Name)) || (regarding.Kind == ReindexPlan.KindName && regarding.Name == PlanName)))
            .ToList();
        var submissions = world.Simulator.Controls.Counters.Submissions;
        var postsPerService = planServices.Select(service => submissions.GetValueOrDefault(service)).ToList();
        var children = (double)settings.Services;
        var childObjectWrites = planWrites.Where(pair => pair.Key.Contains(JobResource, StringComparison.Ordinal)).Sum(pair => pair.Value);
        var planObjectWrites = planWrites.Where(pair => pair.Key.Contains(PlanResource, StringComparison.Ordinal)).Sum(pair => pair.Value);
        return new PlanBenchResult
        {
            Services = settings.Services,
            MaxConcurrentTargets = settings.MaxConcurrentTargets,
            ProgressPolls = settings.ProgressPolls,
            StartupToReadySeconds = startup.TotalSeconds,
            IdleRssMiB = idleRss / MiB,
            PeakRssMiB = peakRss / MiB,
            KernelPeakRssMiB = ReadKernelPeak(operatorProcess.Id) / MiB,
            CpuSeconds = cpuAfter - cpuBefore,
            SingleJobWrites = jobWrites,
            PlanRunWrites = planWrites,
            PlanRunRefusedWrites = refused,
            SingleJobEvents = jobEvents.GroupBy(item => item.Reason ?? "-").ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            PlanRunEvents = planEvents.GroupBy(item => $"{item.Regarding.Kind} {item.Reason}").ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            ChildObjectWritesPerChild = childObjectWrites / children,
            SingleJobObjectWrites = jobWrites.Where(pair => pair.Key.Contains(JobResource, StringComparison.Ordinal)).Sum(pair => pair.Value),
            SingleJobStatusPatches = jobWrites.GetValueOrDefault(ApiRequestKey.Of("patch", JobResource + "/status")),
            ChildEventsPerChild = planEvents.Count(item => item.Regarding.Kind == ReindexJob.KindName) / children,
            SingleJobEventCount = jobEvents.Count,
            PlanWritesPerChild = planObjectWrites / children,
            PlanEventsPerChild = planEvents.Count(item => item.Regarding.Kind == ReindexPlan.KindName) / children,
            WritesPerChild = planWrites.Values.Sum() / children,
            SingleJobWritesTotal = jobWrites.Values.Sum(),
            Children = history.Children,
            DistinctServices = history.DistinctServices,
            TerminalChildren = history.Terminal,
            SucceededChildren = history.Succeeded,
            ChildrenNotTerminalExactlyOnce = [.. history.NotTerminalExactlyOnce.Union(history.Recreated, StringComparer.Ordinal)],
            MinPostsPerService = postsPerService.DefaultIfEmpty(0).Min(),
            MaxPostsPerService = postsPerService.DefaultIfEmpty(0).Max(),
            SingleJobPosts = submissions.GetValueOrDefault(jobTarget.Service),
            MaxRunningChildrenSampled = history.MaxRunning,
            MaxRunningHapiJobsSampled = maxHapiRunning,
            Samples = history.Samples,
            SingleJobCreateToTerminalSeconds = jobSeconds,
            PlanCreateToAllChildrenTerminalSeconds = allTerminalSeconds ?? double.NaN,
            PlanCreateToCompleteSeconds = completeSeconds ?? double.NaN,
            PlanStatusRunSeconds = plan?.Status is { StartTime: { } start, CompletionTime: { } end } ? (end - start).TotalSeconds : double.NaN,
            PlanPhase = plan?.Status?.Phase?.ToString() ?? "none",
            Reconciles = metricsAfter.Sum("controller_runtime_reconcile_total") - metricsBefore.Sum("controller_runtime_reconcile_total"),
        };
    }

    /// <summary>The plan: every labelled Service, the jobs' spec as template (naming no Service: each child's is its target's, at its own /fhir), Continue.</summary>
    private static JsonObject Plan(BenchWorld world, string namespaceName, int maxConcurrentTargets)
    {
        var plan = new ReindexPlan
        {
            Metadata = new V1ObjectMeta { Name = PlanName, NamespaceProperty = namespaceName },
            Spec = new ReindexPlanSpec
            {
                Targets = new PlanTargets { Selector = new ServiceSelector { MatchLabels = new Dictionary<string, string> { [BenchWorld.PlanSelectorLabel] = "true" } } },
                Template = world.Spec(world.Targets[0]),
                MaxConcurrentTargets = maxConcurrentTargets,
                FailurePolicy = PlanFailurePolicy.Continue,
            },
        };
        var body = JsonNode.Parse(KubernetesJson.Serialize(plan))!.AsObject();
        body["spec"]!["template"]!["target"] = new JsonObject();
        return body;
    }

    private static Task<ReindexPlan> GetPlanAsync(BenchWorld world, string namespaceName, CancellationToken cancellationToken)
        => world.Client.CustomObjects.GetNamespacedCustomObjectAsync<ReindexPlan>(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, namespaceName, ReindexPlan.Plural, PlanName, cancellationToken);

    /// <summary>The writes among <paramref name="counters"/>, leases (leader election) left out.</summary>
    private static Dictionary<string, long> Writes(Counters counters)
        => counters.Values.Where(pair => ApiRequestKey.IsWrite(pair.Key) && !pair.Key.Contains("leases", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);

    /// <summary>The API counters once no write (leases aside) came for <see cref="Quiet"/>: late status writes and events belong to the run.</summary>
    private async Task<Counters> QuietCountersAsync(BenchWorld world, CancellationToken cancellationToken)
    {
        var counters = world.ApiCounters();
        var quietSince = timeProvider.GetTimestamp();
        while (timeProvider.GetElapsedTime(quietSince) < Quiet)
        {
            await Task.Delay(SampleInterval, timeProvider, cancellationToken);
            var now = world.ApiCounters();
            if (Writes(now.Since(counters)).Count > 0)
            {
                quietSince = timeProvider.GetTimestamp();
            }

            counters = now;
        }

        return counters;
    }

    private async Task Until(Func<CancellationToken, Task<bool>> done, TimeSpan timeout, BenchWorld world, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await done(deadline.Token))
            {
                await Task.Delay(SampleInterval, timeProvider, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {timeout} for {what}. Last operator lines:\n{string.Join('\n', world.OperatorLog.TakeLast(40))}");
        }
    }

    private static long ReadKernelPeak(int processId)
    {
        try
        {
            return ProcFiles.ParsePeakResidentBytes(File.ReadAllText($"/proc/{processId}/status"));
        }
        catch (Exception exception) when (exception is IOException or FormatException)
        {
            return 0;
        }
    }

    private static async Task<T> Await<T>(Task<T> task, BenchWorld world, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(ReadyTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new TimeoutException($"No {what} within {ReadyTimeout}: {exception.Message}\nOperator output:\n{string.Join('\n', world.OperatorLog.TakeLast(40))}", exception);
        }
    }
}
