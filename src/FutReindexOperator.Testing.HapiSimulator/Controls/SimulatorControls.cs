using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;
using FutReindexOperator.Testing.HapiSimulator.Recording;

namespace FutReindexOperator.Testing.HapiSimulator.Controls;

/// <summary>
/// Drives and inspects a running simulator from code; the HTTP control API under <c>/_sim</c> offers the same to
/// other processes. Thread-safe.
/// </summary>
public sealed class SimulatorControls(SimulatorRuntime runtime)
{
    /// <summary>The jobs, oldest first, optionally of one service.</summary>
    public IReadOnlyList<JobSnapshot> Jobs(string? service = null) => runtime.Jobs.List(service);

    /// <summary>One job, or null when unknown or purged.</summary>
    public JobSnapshot? Job(string jobId) => runtime.Jobs.Get(jobId);

    /// <summary>Uses <paramref name="script"/> for new jobs of <paramref name="service"/> from now on.</summary>
    public void SetServiceScript(string service, JobScript script) => runtime.Jobs.SetServiceScript(KnownService(service), Checked(script));

    /// <summary>Uses <paramref name="script"/> for the next job of <paramref name="service"/> only (queued scripts go first, in order).</summary>
    public void EnqueueScript(string service, JobScript script) => runtime.Jobs.EnqueueScript(KnownService(service), Checked(script));

    /// <summary>Restarts an existing job on <paramref name="script"/>; false when the job is unknown.</summary>
    public bool SetJobScript(string jobId, JobScript script) => runtime.Jobs.ReplaceScript(jobId, Checked(script));

    /// <summary>Gives the next created job (of any service) this id, e.g. the id of a captured exchange.</summary>
    public void EnqueueJobId(string jobId) => runtime.Jobs.EnqueueJobId(jobId);

    /// <summary>Creates a job of another type (e.g. <c>BULK_MODIFY</c>) so a reindex status poll gets HAPI-1769.</summary>
    public JobSnapshot CreateForeignJob(string service, string jobDefinitionId = "BULK_MODIFY") =>
        runtime.Jobs.CreateForeign(KnownService(service), jobDefinitionId);

    /// <summary>Requests cancellation (HAPI's Java-only cancel): CANCELLED after the next maintenance pass. False for unknown or ended jobs.</summary>
    public bool Cancel(string jobId) => runtime.Jobs.RequestCancel(jobId);

    /// <summary>Deletes a job so polls get 404 HAPI-2787. False when unknown.</summary>
    public bool Purge(string jobId) => runtime.Jobs.Purge(jobId);

    /// <summary>Runs one maintenance pass now; returns how many jobs changed.</summary>
    public int RunMaintenance() => runtime.Jobs.RunMaintenance();

    /// <summary>Installs a mesh fault; returns its id.</summary>
    public string AddFault(FaultRule rule) => runtime.Faults.Add(rule);

    /// <summary>Removes a mesh fault; false when unknown.</summary>
    public bool RemoveFault(string faultId) => runtime.Faults.Remove(faultId);

    /// <summary>Removes every mesh fault.</summary>
    public void ClearFaults() => runtime.Faults.Clear();

    /// <summary>The installed mesh faults with their remaining counts.</summary>
    public IReadOnlyList<ActiveFault> Faults => runtime.Faults.List();

    /// <summary>The recorded requests, oldest first (control API calls are not recorded).</summary>
    public IReadOnlyList<RecordedRequest> Requests => runtime.Recorder.List();

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => runtime.Recorder.Clear();

    /// <summary>Submissions per service, polls per job, tokens issued, requests per target and faults per kind.</summary>
    public SimulatorCounters Counters => new(
        runtime.Jobs.Submissions,
        runtime.Jobs.List().ToDictionary(job => job.Id, job => job.PollCount, StringComparer.Ordinal),
        runtime.Tokens.Issued,
        runtime.Traffic.Requests,
        runtime.Traffic.Faults);

    /// <summary>Forgets jobs, scripts, faults, recordings and request counters (the token count stays).</summary>
    public void Reset()
    {
        runtime.Jobs.Reset();
        runtime.Faults.Clear();
        runtime.Recorder.Clear();
        runtime.Traffic.Clear();
    }

    private string KnownService(string service) =>
        runtime.ServiceNames.Contains(service)
            ? service
            : throw new ArgumentException($"Service '{service}' is not simulated; configured services: {string.Join(", ", runtime.ServiceNames)}.", nameof(service));

    private static JobScript Checked(JobScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return script;
    }
}
