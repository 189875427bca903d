using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Benchmarks.Chaos;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Reports;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Generators.Schema;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.KubeApiServer.Validation;
using FutReindexOperator.Testing.OperatorHost;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FutReindexOperator.Benchmarks.Fuzz;

/// <summary>
/// A fuzz run: the real operator processes (under leader election, killed and restarted) against the API test server and
/// the HAPI simulator, with ReindexJobs drawn from the CRD's schema, the chaos run's faults, and reruns requested while
/// runs go on. The invariants are checked from outside: the API server's objects and request counters, the simulator's
/// jobs and request log, the jobs' histories as the harness watched them, the processes and their /healthz.
/// </summary>
public sealed class FuzzRunner(TimeProvider timeProvider, TextWriter progress)
{

    private readonly ConcurrentDictionary<string, List<string>> _violations = new(StringComparer.Ordinal);

    // Per job and run (its lastHandledRerun): the most resubmissions its status ever marked DuplicatePossible. A rerun
    // clears the status, so the final status alone would forget the duplicates of the runs before it.
    private readonly ConcurrentDictionary<(string Job, string? Run), int> _markedDuplicates = new();
    private TimeSpan _sample = TimeSpan.FromMilliseconds(500);
    private TimeSpan _quiet = TimeSpan.FromSeconds(6);

    public async Task<FuzzReport> RunAsync(FuzzSettings settings, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Listing every job (with annotations of up to 20 kB) is the harness's own load: it grows with the job count, and
        // so does the time without any change that counts as rest.
        _sample = TimeSpan.FromMilliseconds(Math.Max(500, settings.Jobs * 2));
        _quiet = TimeSpan.FromSeconds(Math.Max(6, settings.Jobs / 50));
        var started = timeProvider.GetTimestamp();
        var schema = CrdSchema.ReindexJob();
        var generator = new Testing.Generators.Jobs.ReindexJobGen(schema);
        await using var world = await BenchWorld.StartAsync(settings.World with { RecordedRequests = Math.Max(100_000, settings.Jobs * 200) }, cancellationToken);
        await world.SetUpAsync(cancellationToken);
        foreach (var name in world.Targets.Select(target => target.Namespace).Distinct(StringComparer.Ordinal))
        {
            await world.Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = FuzzJobs.OddSecret, NamespaceProperty = name }, Data = FuzzJobs.OddTokens.ToDictionary(pair => pair.Key, pair => pair.Value) },
                name,
                cancellationToken: cancellationToken);
        }

        var environment = world.OperatorEnvironment(settings.Jobs, new Dictionary<string, string>
        {
            ["OperatorRuntime__LeaderElection__Enabled"] = (settings.Replicas > 1).ToString(),
            ["Reindex__MaxRunningPerTarget"] = settings.MaxRunningPerTarget.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__FutReindexOperator"] = "Debug",
        });
        await using var replicas = new OperatorReplicas(world, environment, timeProvider);
        var first = replicas.StartOne();
        for (var replica = 1; replica < settings.Replicas; replica++)
        {
            replicas.StartOne();
        }

        await first.Ready.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        var refused = await CreateJobsAsync(world, generator, settings, cancellationToken);
        progress.WriteLine($"fuzz: {settings.Jobs} jobs created ({refused} refused), seed {settings.Seed}");

        using var monitorStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var histories = new ConcurrentDictionary<string, (string? Phase, string? JobId, string? Rerun)>(StringComparer.Ordinal);
        var monitor = MonitorAsync(world, settings, histories, monitorStop.Token);
        var census = new StatusChangeCensus();
        var censusRun = census.RunAsync(world.Client, monitorStop.Token);

        var schedule = FaultSchedule.Create(settings.Seed, settings.Window, settings.Kills, settings.Replicas > 1, rounds: 1);
        var random = new Random(settings.Seed);
        var reruns = await InjectAsync(world, replicas, settings, schedule, random, cancellationToken);
        world.Api.Controls.Faults.Clear();
        world.Simulator.Controls.ClearFaults();

        var jobs = await RestAsync(world, replicas, settings.Replicas > 1, settings.Timeout, cancellationToken);
        await monitorStop.CancelAsync();
        var peakRunning = await monitor;
        await censusRun;

        var serverJobs = world.Simulator.Controls.Jobs().Select(job => new ServerJob(job.Id, job.Service, job.State.ToString())).ToList();
        var observed = jobs.Select(job => new ObservedJob(job.Name, job.Service, job.Phase?.ToString(), job.JobId, job.Attempts, job.DuplicatePossible)).ToList();
        var posts = Invariants.Posts(observed, serverJobs);
        CheckPosts(jobs, serverJobs, reruns);
        CheckRest(jobs, settings, schema, await StuckInSubmittingAsync(world, jobs, cancellationToken));
        CheckReruns(jobs, reruns);
        CheckPollTargets(world);
        var statusWrites = world.ApiCounters().Values.Where(pair => pair.Key.Contains("status", StringComparison.Ordinal) && pair.Key.StartsWith("patch", StringComparison.Ordinal)).Sum(pair => pair.Value);
        var minutes = Math.Max(1, timeProvider.GetElapsedTime(started).TotalMinutes);
        if (statusWrites / (settings.Jobs * minutes) > 150)
        {
            Add("I3", [$"{statusWrites} status writes for {settings.Jobs} jobs in {minutes:0.#} min: more than 150 per job and minute"]);
        }

        await CheckLivenessAsync(replicas, cancellationToken);
        world.ThrowIfTheOperatorWasRefused();
        Add("I10", [.. Invariants.SecretsInLog(world.OperatorLog.ToList(), [.. world.Secrets, .. FuzzJobs.OddTokens.Values.Select(System.Text.Encoding.UTF8.GetString).Where(text => text.Length > 8)]).Take(20).Select(line => Invariants.Redact(line, world.Secrets))]);
        return new FuzzReport
        {
            Label = label,
            Time = timeProvider.GetUtcNow(),
            Machine = MachineInfo.Current(),
            Settings = settings,
            Faults = schedule,
            OperatorStarts = replicas.Starts,
            Refused = refused,
            Reruns = reruns.Count,
            Phases = observed.GroupBy(job => job.Phase ?? "none").ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            Posts = posts,
            StatusWrites = statusWrites,
            StatusChanges = census.Counts,
            MaxServerJobsRunningPerService = peakRunning,
            Violations = Enumerable.Range(1, 11).ToDictionary(
                number => $"I{number}",
                number => (IReadOnlyList<string>)(_violations.TryGetValue($"I{number}", out var list) ? [.. list] : []),
                StringComparer.Ordinal),
            Seconds = timeProvider.GetElapsedTime(started).TotalSeconds,
        };
    }

    private async Task<int> CreateJobsAsync(BenchWorld world, Testing.Generators.Jobs.ReindexJobGen generator, FuzzSettings settings, CancellationToken cancellationToken)
    {
        var refused = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Jobs), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (index, token) =>
        {
            var job = FuzzJobs.Create(generator, world, settings.Seed, index);
            try
            {
                await world.Client.CustomObjects.CreateNamespacedCustomObjectAsync(job, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, job["metadata"]!["namespace"]!.GetValue<string>(), ReindexJob.Plural, cancellationToken: token);
            }
            catch (HttpOperationException exception)
            {
                Interlocked.Increment(ref refused);
                Add("I1", [$"{BenchWorld.JobName(index)}: the API server refused a generated job ({(int)exception.Response.StatusCode}): {exception.Response.Content}"]);
            }
        });
        return refused;
    }

    /// <summary>Carries out the fault schedule and requests reruns of random jobs over the window; returns the reruns asked for.</summary>
    private async Task<Dictionary<string, string>> InjectAsync(BenchWorld world, OperatorReplicas replicas, FuzzSettings settings, IReadOnlyList<ScheduledFault> schedule, Random random, CancellationToken cancellationToken)
    {
        var reruns = new Dictionary<string, string>(StringComparer.Ordinal);
        var rerunTimes = Enumerable.Range(0, Math.Max(1, settings.Jobs / 20)).Select(_ => TimeSpan.FromMilliseconds(random.NextDouble() * settings.Window.TotalMilliseconds));
        var plan = schedule.Select(fault => (fault.At, Fault: (FaultKind?)fault.Kind)).Concat(rerunTimes.Select(at => (At: at, Fault: (FaultKind?)null))).OrderBy(item => item.At).ToList();
        var begun = timeProvider.GetTimestamp();
        foreach (var (at, fault) in plan)
        {
            var wait = at - timeProvider.GetElapsedTime(begun);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }

            switch (fault)
            {
                case null:
                    var index = random.Next(settings.Jobs);
                    var target = world.TargetOf(index);
                    var token = FuzzJobs.RerunToken(random);
                    var patch = new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ReindexJob.RerunAnnotation] = token } } }.ToJsonString(), V1Patch.PatchType.MergePatch);
                    try
                    {
                        await world.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, ReindexJob.ApiGroup, ReindexJob.ApiVersionName, target.Namespace, ReindexJob.Plural, BenchWorld.JobName(index), cancellationToken: cancellationToken);
                        reruns[BenchWorld.JobName(index)] = token;
                    }
                    catch (HttpOperationException)
                    {
                        // A fault injected on the API server; this rerun was not asked for.
                    }

                    break;
                case FaultKind.KillOperator:
                    progress.WriteLine($"fuzz: {at.TotalSeconds:0.0} s kill");
                    await replicas.KillAndReplaceAsync(identity: null, random.Next(settings.Replicas));
                    break;
                case FaultKind.KillLeader:
                    progress.WriteLine($"fuzz: {at.TotalSeconds:0.0} s kill the leader");
                    await replicas.KillAndReplaceAsync(await LeaderAsync(world, cancellationToken), 0);
                    break;
                case { } kind:
                    FaultInjection.Apply(world, kind);
                    break;
            }
        }

        return reruns;
    }

    /// <summary>Samples the jobs (I11: no status moves backwards) and the server (I4: the per-target limit) until stopped.</summary>
    private async Task<int> MonitorAsync(BenchWorld world, FuzzSettings settings, ConcurrentDictionary<string, (string? Phase, string? JobId, string? Rerun)> histories, CancellationToken cancellationToken)
    {
        var peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var serverRunning = world.Simulator.Controls.Jobs()
                .Where(job => job.State is ReindexJobState.Queued or ReindexJobState.InProgress or ReindexJobState.Finalize or ReindexJobState.Errored)
                .ToList();
            try
            {
                var listed = await ListAsync(world, cancellationToken);

                // I4 counts the server jobs the operator still follows: a ReindexJob records the id and has not ended. One no
                // job records (its answer was lost to a fault) or whose job ended without it (a deadline; HAPI has no cancel)
                // is never polled again, and the simulator advances a job only when it is polled: it would run for ever.
                var followed = listed
                    .Where(job => job.JobId is not null && job.Phase is { } phase && !phase.IsTerminal())
                    .Select(job => job.JobId!)
                    .ToHashSet(StringComparer.Ordinal);
                var running = serverRunning
                    .Where(job => followed.Contains(job.Id))
                    .GroupBy(job => job.Service, StringComparer.Ordinal)
                    .Select(group => group.Count())
                    .DefaultIfEmpty(0)
                    .Max();
                peak = Math.Max(peak, running);
                foreach (var job in listed)
                {
                    var now = (Phase: job.Phase?.ToString(), JobId: job.JobId, Rerun: job.LastHandledRerun);
                    if (histories.TryGetValue(job.Name, out var before) && before.Rerun == now.Rerun)
                    {
                        if (before.Phase is { } phase && Enum.Parse<ReindexPhase>(phase).IsTerminal() && now.Phase is { } current && !Enum.Parse<ReindexPhase>(current).IsTerminal())
                        {
                            Add("I11", [$"{job.Name}: phase moved back from {phase} to {current} without a rerun"]);
                        }

                        if (before.JobId is not null && now.JobId != before.JobId)
                        {
                            Add("I11", [$"{job.Name}: job id {before.JobId} replaced by {now.JobId ?? "nothing"} without a rerun"]);
                        }
                    }

                    histories[job.Name] = now;
                    NoteMarkedDuplicates(job);
                }

                await Task.Delay(_sample, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (HttpOperationException)
            {
                // An injected API fault; sample again.
            }
        }

        // Jobs that may hold a slot: at most the limit, plus the possible duplicates the status records.
        if (peak > settings.MaxRunningPerTarget * 2)
        {
            Add("I4", [$"{peak} server jobs the operator followed ran at once on one service under a per-target limit of {settings.MaxRunningPerTarget}"]);
        }

        return peak;
    }

    /// <summary>
    /// Waits until every job has ended, or none has changed for a while under a live leader (or the timeout); returns the
    /// jobs. A leader that was killed holds its lease until it expires, and a new leader lists and syncs before it
    /// reconciles; nothing moves meanwhile, and that quiet is not rest: the quiet time counts from the moment a running
    /// replica that holds the lease is ready.
    /// </summary>
    private async Task<IReadOnlyList<JobView>> RestAsync(BenchWorld world, OperatorReplicas replicas, bool leaderElection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp();
        var last = "";
        var since = timeProvider.GetTimestamp();
        while (true)
        {
            var jobs = await ListAsync(world, cancellationToken);
            var leader = leaderElection ? await LeaderAsync(world, cancellationToken) : null;
            var state = string.Join("\n", jobs.Select(job => $"{job.Name} {job.Phase} {job.Message}")) + $"\nleader {leader}";
            var leaderLive = !leaderElection || (leader is not null && replicas.IsReady(leader));
            if (state != last || !leaderLive)
            {
                (last, since) = (state, timeProvider.GetTimestamp());
            }

            var allEnded = jobs.All(job => job.Phase is { } phase && phase.IsTerminal());
            if (allEnded || timeProvider.GetElapsedTime(since) > _quiet || timeProvider.GetElapsedTime(deadline) > timeout)
            {
                return jobs;
            }

            await Task.Delay(_sample, timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// The jobs with a submission under way when the run came to rest that still have it, on the same attempt, a while later. A run
    /// that ends by its timeout (jobs that can never submit retry until then) catches some jobs between an attempt's
    /// marker and its outcome: that is an attempt under way, not a job stuck holding its target's slot.
    /// </summary>
    private async Task<IReadOnlySet<string>> StuckInSubmittingAsync(BenchWorld world, IReadOnlyList<JobView> jobs, CancellationToken cancellationToken)
    {
        if (!jobs.Any(job => job.SubmissionUnderWay))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        // Longer than an attempt takes: the harness's request timeout (3 s), a token, and the two status writes.
        await Task.Delay(TimeSpan.FromSeconds(15), timeProvider, cancellationToken);
        return StillSubmittingTheSameAttempt(jobs, await ListAsync(world, cancellationToken));
    }

    /// <summary>
    /// The jobs with a submission under way in both lists (<see cref="JobView.SubmissionUnderWay"/>: Submitting, or the
    /// retry of a run Stalled by a refusal, which keeps showing Stalled), on the same submission attempt.
    /// </summary>
    internal static IReadOnlySet<string> StillSubmittingTheSameAttempt(IReadOnlyList<JobView> before, IReadOnlyList<JobView> after)
    {
        var submitting = before.Where(job => job.SubmissionUnderWay).ToDictionary(job => job.Name, job => job.Attempts, StringComparer.Ordinal);
        return after
            .Where(job => job.SubmissionUnderWay && submitting.TryGetValue(job.Name, out var attempts) && attempts == job.Attempts)
            .Select(job => job.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>I1 and I5 at rest: every job has a documented phase and a message; every status passes the CRD's schema.</summary>
    private void CheckRest(IReadOnlyList<JobView> jobs, FuzzSettings settings, CrdSchema schema, IReadOnlySet<string> stuckInSubmitting)
    {
        if (jobs.Count < settings.Jobs)
        {
            Add("I1", [$"{settings.Jobs - jobs.Count} jobs are missing from the API server"]);
        }

        foreach (var job in jobs)
        {
            if (job.Phase is null || string.IsNullOrWhiteSpace(job.Message))
            {
                Add("I1", [$"{job.Name}: no phase or message after the run (status {job.Status?.ToJsonString() ?? "none"})"]);
                continue;
            }

            var outcome = SchemaValidator.Apply((JsonObject)job.Status!.DeepClone(), schema.Status);
            Add("I5", [.. outcome.Causes.Select(cause => $"{job.Name}: {cause.Field}: {cause.Message}")]);
            if (stuckInSubmitting.Contains(job.Name))
            {
                Add("I4", [$"{job.Name}: stuck with a submission under way at rest ({job.Phase}), holding its target's slot: {job.Message}"]);
            }
        }
    }

    /// <summary>I9: every rerun asked for started (its token is the run's), unless a later token replaced it.</summary>
    private void CheckReruns(IReadOnlyList<JobView> jobs, Dictionary<string, string> reruns)
    {
        foreach (var job in jobs)
        {
            if (reruns.TryGetValue(job.Name, out var token) && job.RerunToken == token && job.LastHandledRerun != RerunTokens.Recorded(token)
                && job.Phase is { } phase && phase.IsTerminal())
            {
                Add("I9", [$"{job.Name}: rerun '{(token.Length > 40 ? token[..40] + "…" : token)}' requested, the run ended {phase}, the rerun never started"]);
            }
        }
    }

    /// <summary>
    /// I2: server jobs no ReindexJob records are at most the attempts marked DuplicatePossible plus the runs a rerun
    /// replaced (a rerun starts a new server job and the earlier one's id leaves the status by design).
    /// </summary>
    private void NoteMarkedDuplicates(JobView job)
    {
        if (job.DuplicatePossible)
        {
            _markedDuplicates.AddOrUpdate((job.Name, job.LastHandledRerun), Math.Max(1, job.Attempts - 1), (_, before) => Math.Max(before, Math.Max(1, job.Attempts - 1)));
        }
    }

    private void CheckPosts(IReadOnlyList<JobView> jobs, IReadOnlyList<ServerJob> serverJobs, Dictionary<string, string> reruns)
    {
        foreach (var job in jobs)
        {
            NoteMarkedDuplicates(job);
        }

        var recorded = jobs.Where(job => job.JobId is not null).Select(job => job.JobId!).ToHashSet(StringComparer.Ordinal);
        foreach (var group in serverJobs.Where(job => !recorded.Contains(job.Id)).GroupBy(job => job.Service, StringComparer.Ordinal))
        {
            var onService = jobs.Where(job => job.Service == group.Key).ToList();
            var names = onService.Select(job => job.Name).ToHashSet(StringComparer.Ordinal);
            var marked = _markedDuplicates.Where(pair => names.Contains(pair.Key.Job)).Sum(pair => pair.Value);
            var rerun = onService.Count(job => job.LastHandledRerun is not null && reruns.ContainsKey(job.Name));
            var unknown = onService.Count(job => job.OutcomeUnknown);
            if (group.Count() > marked + rerun + unknown)
            {
                var unrecorded = string.Join(", ", group.Select(job => $"{job.Id} ({job.State})"));
                var candidates = string.Join("; ", onService.Where(job => job.Attempts > 0 || job.JobId is null).Select(job => $"{job.Name} {job.Phase} attempt {job.Attempts} jobId {job.JobId ?? "none"}{(job.OutcomeUnknown ? " outcome unknown" : "")}: {job.Message}"));
                Add("I2", [$"{group.Key}: {group.Count()} server job(s) no ReindexJob records ({unrecorded}), but only {marked} retried submission(s) were marked as possibly duplicated, {rerun} run(s) were replaced by a rerun and {unknown} submission(s) have an unknown outcome. Jobs on the service: {candidates}"]);
            }
        }
    }

    /// <summary>I8: every status poll for a job id goes to the service that created the job.</summary>
    private void CheckPollTargets(BenchWorld world)
    {
        var serviceOf = world.Simulator.Controls.Jobs().ToDictionary(job => job.Id, job => job.Service, StringComparer.Ordinal);
        foreach (var request in world.Simulator.Controls.Requests.Where(request => request.Method == "GET" && request.PathAndQuery.Contains("_jobId=", StringComparison.Ordinal)))
        {
            var jobId = Uri.UnescapeDataString(request.PathAndQuery.Split("_jobId=")[1].Split('&')[0]);
            if (serviceOf.TryGetValue(jobId, out var service) && request.Target is { } target && target != service)
            {
                Add("I8", [$"a poll of job {jobId} (created on {service}) went to {target}"]);
            }
        }
    }

    /// <summary>I7: every replica still runs and answers /healthz with 200.</summary>
    private async Task CheckLivenessAsync(OperatorReplicas replicas, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var process in replicas.Processes)
        {
            if (process.HasExited)
            {
                Add("I7", [$"operator process {process.Id} exited: {process.Tail()}"]);
                continue;
            }

            try
            {
                var address = await process.HttpAddress.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                using var response = await http.GetAsync(new Uri(address, "/healthz"), cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Add("I7", [$"operator process {process.Id}: /healthz answered {(int)response.StatusCode}"]);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                Add("I7", [$"operator process {process.Id}: /healthz did not answer: {exception.Message}"]);
            }
        }
    }

    /// <summary>
    /// Every ReindexJob as the API server stores it, read as JSON: the harness must not read jobs through the operator's
    /// own model, which is what is under test (a job it cannot read would hide the rest).
    /// </summary>
    private static async Task<IReadOnlyList<JobView>> ListAsync(BenchWorld world, CancellationToken cancellationToken)
    {
        var list = await world.Client.CustomObjects.ListClusterCustomObjectAsync(ReindexJob.ApiGroup, ReindexJob.ApiVersionName, ReindexJob.Plural, cancellationToken: cancellationToken);
        var items = JsonNode.Parse(KubernetesJson.Serialize(list))!["items"]!.AsArray();
        return [.. items.Select(item => new JobView((JsonObject)item!))];
    }

    private void Add(string invariant, IEnumerable<string> violations)
    {
        var list = _violations.GetOrAdd(invariant, _ => []);
        lock (list)
        {
            list.AddRange(violations.Take(Math.Max(0, 50 - list.Count)));
        }
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

/// <summary>The fields of a stored ReindexJob the fuzz run checks, read from its JSON.</summary>
internal sealed class JobView(JsonObject json)
{
    public string Name => json["metadata"]?["name"]?.GetValue<string>() ?? "";

    public string Service => json["spec"]?["target"]?["service"]?.GetValue<string>() ?? "";

    public JsonObject? Status => json["status"] as JsonObject;

    public ReindexPhase? Phase => Status?["phase"]?.GetValue<string>() is { } phase && Enum.TryParse<ReindexPhase>(phase, out var parsed) ? parsed : null;

    public string? Message => Status?["message"]?.GetValue<string>();

    public string? JobId => Status?["jobId"]?.GetValue<string>();

    public string? LastHandledRerun => Status?["lastHandledRerun"]?.GetValue<string>();

    public int Attempts => Status?["submission"]?["attempt"]?.GetValue<int>() ?? 0;

    public bool DuplicatePossible => Status?["submission"]?["duplicatePossible"]?.GetValue<bool>() ?? false;

    /// <summary>The latest submission's outcome is unknown: it was being sent and no job id came back (a 504 after the server did its work, a reset, a kill).</summary>
    public bool OutcomeUnknown => JobId is null && Status?["submission"]?["state"]?.GetValue<string>() == nameof(SubmissionState.Sending);

    public string? RerunToken => json["metadata"]?["annotations"]?[ReindexJob.RerunAnnotation]?.GetValue<string>();

    /// <summary>
    /// A submission's marker is out and its POST under way: phase Submitting, or the retry of a run Stalled by a refusal
    /// (<see cref="RunStates.StalledByRefusal"/>), whose marker keeps the phase. Not a run Stalled awaiting confirmation,
    /// whose marker stays out on purpose.
    /// </summary>
    public bool SubmissionUnderWay => Phase is ReindexPhase.Submitting
        || (OutcomeUnknown && RunStates.StalledByRefusal(KubernetesJson.Deserialize<ReindexJobStatus>(Status!.ToJsonString())));
}
