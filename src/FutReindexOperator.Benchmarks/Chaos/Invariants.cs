using System.Text.RegularExpressions;
using FutReindexOperator.Decisions;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>The checks of a chaos run. Each returns human-readable violations; none means the invariant holds.</summary>
public static partial class Invariants
{
    /// <summary>The decider's words for a submission interrupted by the operator stopping.</summary>
    public const string StoppedInBetween = "the operator stopped in between";

    private static readonly Dictionary<string, string> PhaseForServerState = new(StringComparer.Ordinal)
    {
        ["Completed"] = "Succeeded",
        ["Failed"] = "Failed",
        ["Cancelled"] = "Cancelled",
    };

    /// <summary>
    /// No job lost and no wrong outcome: every job has a job id the server knows, the server's job has ended, and the
    /// job's phase is the one the server's state means (COMPLETED → Succeeded, FAILED → Failed, CANCELLED → Cancelled).
    /// </summary>
    public static IReadOnlyList<string> Outcomes(IReadOnlyList<ObservedJob> jobs, IReadOnlyList<ServerJob> serverJobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(serverJobs);
        var byId = serverJobs.ToDictionary(job => job.Id, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var job in jobs)
        {
            if (job.JobId is null)
            {
                violations.Add($"{job.Name}: lost — no job id recorded (phase {job.Phase ?? "none"}).");
            }
            else if (!byId.TryGetValue(job.JobId, out var server))
            {
                violations.Add($"{job.Name}: job id {job.JobId} is unknown to the server.");
            }
            else if (!PhaseForServerState.TryGetValue(server.State, out var expected))
            {
                violations.Add($"{job.Name}: the server's job {job.JobId} has not ended ({server.State}); phase {job.Phase ?? "none"}.");
            }
            else if (job.Phase != expected)
            {
                violations.Add($"{job.Name}: phase {job.Phase ?? "none"} but the server's job {job.JobId} is {server.State} (expected {expected}).");
            }
        }

        return violations;
    }

    /// <summary>
    /// One POST per job: every server job belongs to a ReindexJob's recorded id, except extra jobs on a service that has
    /// jobs marked <see cref="ObservedJob.DuplicatePossible"/> (a kill or an ambiguous answer between marker and job id);
    /// such extras may not outnumber those jobs' extra attempts.
    /// </summary>
    public static PostAccount Posts(IReadOnlyList<ObservedJob> jobs, IReadOnlyList<ServerJob> serverJobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(serverJobs);
        var recorded = jobs.Where(job => job.JobId is not null).Select(job => job.JobId!).ToHashSet(StringComparer.Ordinal);
        var violations = new List<string>();
        var orphansPerService = serverJobs.Where(job => !recorded.Contains(job.Id)).GroupBy(job => job.Service, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        foreach (var (service, orphans) in orphansPerService)
        {
            var allowed = jobs.Where(job => job.Service == service && job.DuplicatePossible).Sum(job => Math.Max(1, job.Attempts - 1));
            if (orphans > allowed)
            {
                violations.Add($"{service}: {orphans} server job(s) no ReindexJob recorded, but only {allowed} retried submission(s) were marked as possibly duplicated.");
            }
        }

        var marked = jobs.Count(job => job.DuplicatePossible);
        return new PostAccount(serverJobs.Count, jobs.Count - marked, marked, orphansPerService.Values.Sum(), violations);
    }

    /// <summary>
    /// The jobs a kill caught between marker and job id: those with a <c>DuplicatePossible</c> event saying the operator
    /// stopped in between (an ambiguous server answer gives the same reason with the answer's cause instead).
    /// </summary>
    public static IReadOnlyList<string> KilledBetweenMarkerAndJobId(IEnumerable<(string Regarding, string Reason, string Note)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events
            .Where(item => item.Reason == EventReasons.DuplicatePossible && item.Note.Contains(StoppedInBetween, StringComparison.Ordinal))
            .Select(item => item.Regarding)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Log lines that contain one of <paramref name="secrets"/> or anything shaped like a JWT.</summary>
    public static IReadOnlyList<string> SecretsInLog(IEnumerable<string> lines, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(secrets);
        return [.. lines.Where(line => Jwt().IsMatch(line) || secrets.Any(secret => secret.Length > 0 && line.Contains(secret, StringComparison.Ordinal)))];
    }

    /// <summary>Replaces every secret and JWT in <paramref name="line"/> so a report can quote it safely.</summary>
    public static string Redact(string line, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(secrets);
        var redacted = Jwt().Replace(line, "<jwt>");
        return secrets.Where(secret => secret.Length > 0).Aggregate(redacted, (text, secret) => text.Replace(secret, "<secret>", StringComparison.Ordinal));
    }

    /// <summary>The memory bound: a violation when the peak RSS exceeds the limit.</summary>
    public static IReadOnlyList<string> MemoryBounded(double peakRssMiB, double limitMiB)
        => peakRssMiB <= limitMiB ? [] : [$"peak RSS {peakRssMiB:0.#} MiB exceeds the bound of {limitMiB:0.#} MiB."];

    // A JWT: base64url header starting with {"  (eyJ), a dot, a base64url payload, a dot.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.")]
    private static partial Regex Jwt();
}
