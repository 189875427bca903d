using System.Collections.Concurrent;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Validation;

namespace FutReindexOperator.Testing.HapiSimulator.Jobs;

/// <summary>
/// The simulated batch2 job table of every service: creates jobs from scripts, answers polls and runs maintenance
/// passes. Thread-safe.
/// </summary>
public sealed class ReindexJobStore(TimeProvider timeProvider, HapiBehaviourOptions behaviour, JobScript defaultScript)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReindexJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<ReindexJob> _creationOrder = [];
    private readonly Dictionary<string, JobScript> _serviceScripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<JobScript>> _queuedScripts = new(StringComparer.Ordinal);
    private readonly Queue<string> _queuedJobIds = new();
    private readonly ConcurrentDictionary<string, int> _submissions = new(StringComparer.Ordinal);

    /// <summary>Sets the script for new jobs of <paramref name="service"/> (when no queued script is waiting).</summary>
    public void SetServiceScript(string service, JobScript script)
    {
        lock (_gate)
        {
            _serviceScripts[service] = script;
        }
    }

    /// <summary>Queues a script for the next job of <paramref name="service"/>; queued scripts are used in order.</summary>
    public void EnqueueScript(string service, JobScript script)
    {
        lock (_gate)
        {
            if (!_queuedScripts.TryGetValue(service, out var queue))
            {
                queue = new Queue<JobScript>();
                _queuedScripts[service] = queue;
            }

            queue.Enqueue(script);
        }
    }

    /// <summary>Queues the id the next created job gets (any service), e.g. to reproduce a captured exchange.</summary>
    public void EnqueueJobId(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        lock (_gate)
        {
            _queuedJobIds.Enqueue(jobId);
        }
    }

    /// <summary>Creates a REINDEX job for an accepted submission; <paramref name="script"/> replaces the scripted one when given.</summary>
    public JobSnapshot Create(string service, ReindexRequest request, JobScript? script = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var types = request.Urls.Count == 0
            ? behaviour.SupportedResourceTypes.Order(StringComparer.Ordinal).ToList()
            : request.Urls.Select(url => url[..url.IndexOf('?', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _submissions.AddOrUpdate(service, 1, (_, count) => count + 1);
        lock (_gate)
        {
            var scripted = NextScript(service);
            var job = new ReindexJob(NextId(), service, ReindexJob.ReindexDefinitionId, request, script ?? scripted, timeProvider.GetUtcNow())
            {
                ReportedTypes = types,
            };
            Add(job);
            return job.ToSnapshot();
        }
    }

    /// <summary>Creates a job of another type, so a status poll for it gets HAPI-1769 "does not correspond".</summary>
    public JobSnapshot CreateForeign(string service, string jobDefinitionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobDefinitionId);
        lock (_gate)
        {
            var job = new ReindexJob(NextId(), service, jobDefinitionId, null, JobScript.StuckIn(ReindexJobState.InProgress), timeProvider.GetUtcNow());
            Add(job);
            return job.ToSnapshot();
        }
    }

    /// <summary>The job as a poll of <paramref name="service"/> sees it; counts the poll. Null when the service has no such job.</summary>
    public JobSnapshot? Poll(string service, string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.Service != service)
            {
                return null;
            }

            var seen = job.ToSnapshot() with { PollCount = job.PollCount + 1 };
            job.CountPoll(timeProvider.GetUtcNow());
            return seen;
        }
    }

    /// <summary>The job, or null.</summary>
    public JobSnapshot? Get(string jobId)
    {
        lock (_gate)
        {
            return _jobs.TryGetValue(jobId, out var job) ? job.ToSnapshot() : null;
        }
    }

    /// <summary>All jobs in creation order, optionally of one service.</summary>
    public IReadOnlyList<JobSnapshot> List(string? service = null)
    {
        lock (_gate)
        {
            return _creationOrder.Where(job => service is null || job.Service == service).Select(job => job.ToSnapshot()).ToList();
        }
    }

    /// <summary>Requests cancellation; the job shows CANCELLED after the next maintenance pass. False for unknown or ended jobs.</summary>
    public bool RequestCancel(string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.State.IsEnded())
            {
                return false;
            }

            job.RequestCancel();
            return true;
        }
    }

    /// <summary>Deletes the job; polls then get 404 HAPI-2787. False when unknown.</summary>
    public bool Purge(string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.Remove(jobId, out var job))
            {
                return false;
            }

            _creationOrder.Remove(job);
            return true;
        }
    }

    /// <summary>Restarts the job on <paramref name="script"/> from its first phase. False when unknown.</summary>
    public bool ReplaceScript(string jobId, JobScript script)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job))
            {
                return false;
            }

            job.Replace(script, timeProvider.GetUtcNow());
            return true;
        }
    }

    /// <summary>One maintenance pass over every job (at most one state change each); returns how many jobs changed.</summary>
    public int RunMaintenance()
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var changed = 0;
            foreach (var job in _creationOrder.ToList())
            {
                if (behaviour.PurgeAfter is { } purgeAfter && job.EndedAt is { } endedAt && now - endedAt >= purgeAfter)
                {
                    _jobs.Remove(job.Id);
                    _creationOrder.Remove(job);
                    changed++;
                }
                else if (job.Maintain(now))
                {
                    changed++;
                }
            }

            return changed;
        }
    }

    /// <summary>Accepted submissions per service.</summary>
    public IReadOnlyDictionary<string, int> Submissions => new Dictionary<string, int>(_submissions, StringComparer.Ordinal);

    /// <summary>Forgets every job, script and queued id.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _jobs.Clear();
            _creationOrder.Clear();
            _serviceScripts.Clear();
            _queuedScripts.Clear();
            _queuedJobIds.Clear();
            _submissions.Clear();
        }
    }

    private void Add(ReindexJob job)
    {
        job.Begin(job.CreatedAt);
        _jobs.Add(job.Id, job);
        _creationOrder.Add(job);
    }

    private string NextId() => _queuedJobIds.TryDequeue(out var id) ? id : Guid.NewGuid().ToString();

    private JobScript NextScript(string service)
    {
        if (_queuedScripts.TryGetValue(service, out var queue) && queue.TryDequeue(out var queued))
        {
            return queued;
        }

        return _serviceScripts.GetValueOrDefault(service, defaultScript);
    }
}
