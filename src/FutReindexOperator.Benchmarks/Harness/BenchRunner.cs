using FutReindexOperator.Benchmarks.Measuring;
using FutReindexOperator.Benchmarks.Model;
using FutReindexOperator.Benchmarks.Processes;
using FutReindexOperator.Benchmarks.Reports;
using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>
/// One benchmark run: servers up, operator started and idle, N jobs created, wait until every job is terminal, then the
/// operator's /proc figures, its metrics, the API server's and the simulator's counters, turned into a <see cref="BenchResult"/>.
/// </summary>
public sealed class BenchRunner(TimeProvider timeProvider, TextWriter progress)
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <exception cref="TimeoutException">The operator was not ready, or the jobs did not end, in time.</exception>
    public async Task<BenchResult> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var world = await BenchWorld.StartAsync(settings.World, cancellationToken);
        await world.SetUpAsync(cancellationToken);
        var minimum = DecisionWalk.HappyPath(settings.World.ProgressPolls, world.Polling);
        await using var operatorProcess = OperatorLauncher.Start(world.OperatorEnvironment(settings.Jobs, settings.OperatorSettings), world.OperatorLog, timeProvider);
        await using var sampler = ProcessSampler.ForProcess(operatorProcess.Id, SampleInterval, timeProvider);
        var startup = await Await(operatorProcess.Ready, ReadyTimeout, world, "the operator's ready line", cancellationToken);
        var address = await Await(operatorProcess.HttpAddress, ReadyTimeout, world, "the operator's metrics address", cancellationToken);
        using var http = new HttpClient();
        var scraper = new MetricsScraper(http, address);
        progress.WriteLine($"N={settings.Jobs}: operator ready after {startup.TotalSeconds:0.00} s; idling {settings.IdleSettle.TotalSeconds:0} s");

        await Task.Delay(settings.IdleSettle, timeProvider, cancellationToken);
        var idleFrom = timeProvider.GetUtcNow() - TimeSpan.FromSeconds(Math.Min(2, settings.IdleSettle.TotalSeconds));
        var idleSamples = sampler.Samples.Where(sample => sample.Time >= idleFrom).ToList();
        var idleRss = idleSamples.Count > 0 ? idleSamples.Average(sample => sample.ResidentBytes) : sampler.SampleNow()?.ResidentBytes ?? 0;
        var metricsBefore = await scraper.ScrapeAsync(cancellationToken);
        var apiBefore = world.ApiCounters();
        var cpuBefore = sampler.SampleNow()?.CpuSeconds ?? 0;
        var runFrom = timeProvider.GetUtcNow();

        var createStarted = timeProvider.GetTimestamp();
        await world.CreateJobsAsync(settings.Jobs, parallelism: 16, cancellationToken);
        var createSeconds = timeProvider.GetElapsedTime(createStarted).TotalSeconds;
        var allCreated = timeProvider.GetUtcNow();
        progress.WriteLine($"N={settings.Jobs}: created in {createSeconds:0.00} s; waiting for every job to end");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        IReadOnlyList<ReindexJob> jobs;
        try
        {
            var pace = TimeSpan.FromMilliseconds(settings.Jobs > 2000 ? 1000 : 250);
            jobs = await world.WaitForJobsAsync(list => JobTimes.AllTerminal(list, settings.Jobs), pace, timeProvider, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Not every job ended within {settings.Timeout}. Last operator lines:\n{string.Join('\n', world.OperatorLog.TakeLast(40))}");
        }

        world.ThrowIfTheOperatorWasRefused();
        var cpuAfter = sampler.SampleNow()?.CpuSeconds ?? cpuBefore;
        var metricsAfter = await scraper.ScrapeAsync(cancellationToken);
        var kernelPeak = ReadKernelPeak(operatorProcess.Id);
        var api = world.ApiCounters().Since(apiBefore).Without(world.OwnRequests);
        var serverJobs = world.Simulator.Controls.Jobs();
        var simulatorCounters = world.Simulator.Controls.Counters;

        var reconcileTime = metricsAfter.Histogram("controller_runtime_reconcile_time_seconds").Minus(metricsBefore.Histogram("controller_runtime_reconcile_time_seconds"));
        var queueWait = metricsAfter.Histogram("workqueue_queue_duration_seconds").Minus(metricsBefore.Histogram("workqueue_queue_duration_seconds"));
        var reconciles = metricsAfter.Sum("controller_runtime_reconcile_total") - metricsBefore.Sum("controller_runtime_reconcile_total");
        var terminalSeconds = ((JobTimes.LastCompleted(jobs) ?? timeProvider.GetUtcNow()) - allCreated).TotalSeconds;
        var endedAt = serverJobs.Where(job => job.EndedAt is not null).ToDictionary(job => job.Id, job => job.EndedAt!.Value, StringComparer.Ordinal);
        var detection = jobs
            .Where(job => job.Status?.JobId is { } id && endedAt.ContainsKey(id) && job.Status.CompletionTime is not null)
            .Select(job => (job.Status!.CompletionTime!.Value - endedAt[job.Status.JobId!]).TotalMilliseconds)
            .Order()
            .ToList();
        var perJob = (double)settings.Jobs;
        var writes = api.Values.Where(pair => ApiRequestKey.IsWrite(pair.Key) && !pair.Key.Contains("leases", StringComparison.Ordinal)).Sum(pair => pair.Value);

        return new BenchResult
        {
            Jobs = settings.Jobs,
            Targets = settings.World.Targets,
            Namespaces = Math.Min(settings.World.Namespaces, settings.World.Targets),
            ProgressPolls = settings.World.ProgressPolls,
            StartupToReadySeconds = startup.TotalSeconds,
            IdleRssMiB = idleRss / MiB,
            PeakRssMiB = sampler.PeakResidentBytes(runFrom) / MiB,
            KernelPeakRssMiB = kernelPeak / MiB,
            CpuSeconds = cpuAfter - cpuBefore,
            CreateSeconds = createSeconds,
            CreatedToAllSubmittedSeconds = ((JobTimes.LastSubmitted(jobs) ?? timeProvider.GetUtcNow()) - allCreated).TotalSeconds,
            CreatedToAllTerminalSeconds = terminalSeconds,
            TerminalJobs = jobs.Count(job => job.Status?.Phase is { } phase && phase.IsTerminal()),
            SucceededJobs = jobs.Count(job => job.Status?.Phase == ReindexPhase.Succeeded),
            Reconciles = reconciles,
            ReconcilesPerSecond = terminalSeconds > 0 ? reconciles / terminalSeconds : double.NaN,
            ReconcileP50Milliseconds = reconcileTime.Quantile(0.5) * 1000,
            ReconcileP99Milliseconds = reconcileTime.Quantile(0.99) * 1000,
            QueueWaitP50Milliseconds = queueWait.Quantile(0.5) * 1000,
            QueueWaitP99Milliseconds = queueWait.Quantile(0.99) * 1000,
            ApiRequestsPerJob = api.Values.ToDictionary(pair => pair.Key, pair => pair.Value / perJob, StringComparer.Ordinal),
            MinimumApiRequestsPerJob = minimum.ApiRequestsByKey,
            ApiWritesPerJob = writes / perJob,
            MinimumApiWritesPerJob = minimum.ApiWrites,
            PostsPerJob = simulatorCounters.Submissions.Values.Sum() / perJob,
            PollsPerJob = simulatorCounters.Polls.Values.Sum() / perJob,
            MinimumPollsPerJob = minimum.Polls,
            CompletionDetectionP50Milliseconds = detection.Count > 0 ? detection[detection.Count / 2] : double.NaN,
            CompletionDetectionMaxMilliseconds = detection.Count > 0 ? detection[^1] : double.NaN,
            PollPolicyDetectionMilliseconds = PollSchedule.ScriptedDetectionDelay(world.Polling, settings.World.ProgressPolls).TotalMilliseconds,
        };
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

    private static async Task<T> Await<T>(Task<T> task, TimeSpan timeout, BenchWorld world, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new TimeoutException($"No {what} within {timeout}: {exception.Message}\nOperator output:\n{string.Join('\n', world.OperatorLog.TakeLast(40))}", exception);
        }
    }
}
