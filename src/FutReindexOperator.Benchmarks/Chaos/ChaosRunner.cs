using System.Globalization;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Reports;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.OperatorHost;
using k8s;
using k8s.Autorest;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>
/// A chaos run: M jobs created, the seeded fault schedule carried out (kills with restarts, a leader kill with two
/// replicas, dropped watches, API and mesh faults, token endpoint outages), faults cleared, then every job must end as
/// the simulator knows it, with one POST each except where a duplicate was possible, no secret logged, memory bounded.
/// </summary>
public sealed class ChaosRunner(TimeProvider timeProvider, TextWriter progress)
{
    private const double MiB = 1024 * 1024;

    public async Task<ChaosReport> RunAsync(ChaosSettings settings, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = timeProvider.GetTimestamp();
        await using var world = await BenchWorld.StartAsync(settings.World, cancellationToken);
        await world.SetUpAsync(cancellationToken);
        var environment = world.OperatorEnvironment(settings.Jobs, new Dictionary<string, string>
        {
            ["OperatorRuntime__LeaderElection__Enabled"] = "true",
            ["Reindex__MaxRunningPerTarget"] = settings.MaxRunningPerTarget.ToString(CultureInfo.InvariantCulture),
            // The secret scan reads every line, so the operator logs everything it has to say.
            ["Logging__LogLevel__FutReindexOperator"] = "Debug",
        });
        await using var replicas = new OperatorReplicas(world, environment, timeProvider);
        var first = replicas.StartOne();
        for (var replica = 1; replica < settings.Replicas; replica++)
        {
            replicas.StartOne();
        }

        await first.Ready.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        var schedule = FaultSchedule.Create(settings.Seed, settings.Window, settings.Kills, settings.Replicas > 1, settings.Rounds);
        var victims = new Random(settings.Seed);
        await world.CreateJobsAsync(settings.Jobs, parallelism: 8, cancellationToken);
        var createdAt = timeProvider.GetTimestamp();
        progress.WriteLine($"chaos: {settings.Jobs} jobs created; {schedule.Count} faults over {settings.Window.TotalSeconds:0} s");
        foreach (var fault in schedule)
        {
            var wait = fault.At - timeProvider.GetElapsedTime(createdAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }

            progress.WriteLine($"chaos: {fault.At.TotalSeconds:0.0} s {fault.Kind}");
            switch (fault.Kind)
            {
                case FaultKind.KillOperator:
                    await replicas.KillAndReplaceAsync(identity: null, victims.Next(settings.Replicas));
                    break;
                case FaultKind.KillLeader:
                    await replicas.KillAndReplaceAsync(await LeaderAsync(world, cancellationToken), 0);
                    break;
                default:
                    FaultInjection.Apply(world, fault.Kind);
                    break;
            }
        }

        world.Api.Controls.Faults.Clear();
        world.Simulator.Controls.ClearFaults();
        IReadOnlyList<ReindexJob> jobs;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(settings.Timeout);
            try
            {
                jobs = await world.WaitForJobsAsync(list => JobTimes.AllTerminal(list, settings.Jobs), TimeSpan.FromMilliseconds(500), timeProvider, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                jobs = await world.ListJobsAsync(cancellationToken);
            }
        }

        world.ThrowIfTheOperatorWasRefused();
        var observed = jobs.Select(job => new ObservedJob(
            job.Metadata.Name,
            job.Spec.Target.Service,
            job.Status?.Phase?.ToString(),
            job.Status?.JobId,
            job.Status?.Submission?.Attempt ?? 0,
            job.Status?.Submission?.DuplicatePossible ?? false)).ToList();
        var serverJobs = world.Simulator.Controls.Jobs().Select(job => new ServerJob(job.Id, job.Service, job.State.ToString())).ToList();
        var outcomes = Invariants.Outcomes(observed, serverJobs).ToList();
        outcomes.AddRange(Enumerable.Range(observed.Count, Math.Max(0, settings.Jobs - observed.Count)).Select(index => $"{BenchWorld.JobName(index)}: missing from the API server."));
        var events = await world.Client.EventsV1.ListEventForAllNamespacesAsync(cancellationToken: cancellationToken);
        var peak = replicas.PeakResidentBytes / MiB;
        var log = world.OperatorLog.ToList();
        return new ChaosReport
        {
            Label = label,
            Time = timeProvider.GetUtcNow(),
            Machine = MachineInfo.Current(),
            Settings = settings,
            Faults = schedule,
            OperatorStarts = replicas.Starts,
            Phases = observed.GroupBy(job => job.Phase ?? "none").ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            Posts = Invariants.Posts(observed, serverJobs),
            KilledBetweenMarkerAndJobId = Invariants.KilledBetweenMarkerAndJobId(events.Items.Select(item => (item.Regarding?.Name ?? "", item.Reason ?? "", item.Note ?? ""))),
            OutcomeViolations = outcomes,
            SecretLeaks = [.. Invariants.SecretsInLog(log, world.Secrets).Select(line => Invariants.Redact(line, world.Secrets))],
            MemoryViolations = Invariants.MemoryBounded(peak, settings.MemoryLimitMiB),
            PeakRssMiB = peak,
            Seconds = timeProvider.GetElapsedTime(started).TotalSeconds,
            LogLines = log.Count,
        };
    }

    private static async Task<string?> LeaderAsync(BenchWorld world, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await world.Client.CoordinationV1.ReadNamespacedLeaseAsync(RbacInstall.LeaseName, RbacInstall.OperatorNamespace, cancellationToken: cancellationToken);
            return lease.Spec?.HolderIdentity;
        }
        catch (HttpOperationException)
        {
            return null;
        }
    }
}
