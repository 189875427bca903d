using System.Globalization;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Kubernetes;
using k8s.Models;

namespace FutReindexOperator.Plans;

/// <summary>
/// Decides what a ReindexPlan's reconcile does: a pure function of the plan, what was observed (Services, the jobs at
/// the children's names) and the clock.
/// </summary>
/// <remarks>
/// Promises, whatever the input:
/// <list type="bullet">
/// <item>A run's targets are resolved once, when it starts, and recorded in status.targets; the status row of a
/// target is written (Starting) before its child is created or rerun, so a restarted operator finds its record.</item>
/// <item>Never more than spec.maxConcurrentTargets children of the run are started and not ended.</item>
/// <item>At most one child per target per run: a child's name is a function of plan and service
/// (<see cref="ChildNames"/>), it is created only while its row has no uid, and rerun only while it lacks the run's
/// token.</item>
/// <item>Under StopOnFirstFailure no child starts after one has failed.</item>
/// <item>A run that cannot start (invalid template, missing Service, selector matching nothing, a child name held by
/// an object the plan does not control) starts no child at all, and says why in status and a Warning event.</item>
/// <item>The plan never deletes a child.</item>
/// </list>
/// A rerun (a new value of the <c>fhir.fut.dk/rerun</c> annotation) starts when the current run has ended: targets are
/// resolved again, and each target's child, when it exists, is rerun in place by giving it the plan's token as its own
/// rerun annotation (a ReindexJob's spec is immutable, and the template is too). Until its turn comes the child, and
/// the previous run's row in the table, keep the last run's outcome.
/// </remarks>
public static class PlanDecider
{
    /// <summary>How soon a plan that cannot start looks again (a Service may appear, a clashing job may go).</summary>
    public static readonly TimeSpan StartRetry = TimeSpan.FromSeconds(30);

    /// <summary>How soon a plan with children starting looks again, in case the cache missed their creation.</summary>
    public static readonly TimeSpan StartingRecheck = TimeSpan.FromSeconds(5);

    /// <summary>The most targets named in the start event and messages.</summary>
    private const int NamesShown = 12;

    /// <summary>True when a run may start now, so the reconcile must list the Services of the plan's namespace.</summary>
    public static bool WantsServices(ReindexPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return StartsRun(plan);
    }

    public static PlanDecision Decide(ReindexPlan plan, PlanObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observation);
        var status = plan.Status ?? new ReindexPlanStatus();
        var events = new List<PlanEvent>();
        var actions = new List<PlanChildAction>();
        TimeSpan? requeue = null;
        if (StartsRun(plan))
        {
            var problem = StartProblem(plan, observation, out var targets);
            if (problem is not null)
            {
                var message = $"The run cannot start: {problem.Message}";
                if (status.Message != message)
                {
                    events.Add(new PlanEvent(EventSeverity.Warning, problem.Reason, "Start", message));
                }

                var stalled = status with
                {
                    Phase = PlanPhase.Stalled,
                    Message = message,
                    ObservedGeneration = plan.Metadata.Generation,
                };
                return new PlanDecision(stalled with { Conditions = PlanConditions.Stalled(status.Conditions, problem.Reason, message, plan.Metadata.Generation, now) }, actions, events, problem.Retry ? StartRetry : null);
            }

            status = new ReindexPlanStatus
            {
                LastHandledRerun = RecordedToken(plan),
                Targets = targets,
                Children = [.. targets.Select(service => new PlanChild { Service = service, Name = ChildNames.For(plan.Metadata.Name, service), Phase = PlanChildPhase.Waiting })],
                StartTime = now,
                Conditions = status.Conditions,
            };
            var rerun = plan.RerunToken is { } token && plan.Status?.Targets is not null ? $" for rerun '{RerunTokens.Shown(token)}'" : "";
            events.Add(new PlanEvent(
                EventSeverity.Normal,
                "Started",
                "Start",
                $"Starting a run{rerun} over {targets.Count} Services ({Shown(targets)}), at most {plan.Spec.MaxConcurrentTargets} at a time, failure policy {plan.Spec.FailurePolicy}."));
        }

        if (status.Targets is null || status.CompletionTime is not null)
        {
            // Not started (and not startable: StartsRun was false) or ended: nothing moves.
            return new PlanDecision(status with { ObservedGeneration = plan.Metadata.Generation }, actions, events, null);
        }

        var rows = Observe(plan, status, observation, actions, events);
        StartChildren(plan, status, observation, rows, actions, events);
        var counts = Count(rows);
        var ended = counts.Waiting == 0 && counts.Running == 0;
        var stopping = plan.Spec.FailurePolicy == PlanFailurePolicy.StopOnFirstFailure && counts.Failed > 0;
        if (!ended && stopping && counts.Running == 0)
        {
            for (var index = 0; index < rows.Count; index++)
            {
                rows[index] = rows[index].Phase == PlanChildPhase.Waiting
                    ? rows[index] with { Phase = PlanChildPhase.Skipped, Message = "not started: a child failed under StopOnFirstFailure" }
                    : rows[index];
            }

            counts = Count(rows);
            ended = true;
        }

        var next = status with { Children = rows, Counts = counts, ObservedGeneration = plan.Metadata.Generation };
        if (ended)
        {
            var failed = rows.Where(row => IsFailure(row.Phase)).ToList();
            var message = failed.Count == 0
                ? $"All {counts.Targets} targets succeeded."
                : $"{failed.Count} of {counts.Targets} targets did not succeed: {string.Join(", ", failed.Take(NamesShown).Select(row => $"{row.Service} ({row.Phase})"))}"
                    + (counts.Skipped > 0 ? $"; {counts.Skipped} skipped." : ".");
            next = next with
            {
                Phase = failed.Count == 0 ? PlanPhase.Succeeded : PlanPhase.Failed,
                Message = message,
                CompletionTime = now,
            };
            events.Add(failed.Count == 0
                ? new PlanEvent(EventSeverity.Normal, "Completed", "Run", message)
                : new PlanEvent(EventSeverity.Warning, "Failed", "Run", message));
            next = next with { Conditions = PlanConditions.Ended(status.Conditions, failed.Count == 0, message, plan.Metadata.Generation, now) };
            return new PlanDecision(next, actions, events, null);
        }

        var stalledChildren = rows.Where(row => row.Phase == PlanChildPhase.Stalled).Select(row => row.Service).ToList();
        var progress = $"{counts.Running} running, {counts.Waiting} waiting, {counts.Succeeded} succeeded, {counts.Failed} failed of {counts.Targets} targets."
            + (stopping ? " A child failed: no new child starts (StopOnFirstFailure)." : "")
            + (stalledChildren.Count > 0 ? $" Needing attention (Stalled): {Shown(stalledChildren)}." : "")
            + (RerunWaiting(plan, status) ? $" Rerun '{RerunTokens.Shown(plan.RerunToken!)}' starts when this run ends." : "");
        next = next with
        {
            Phase = PlanPhase.Running,
            Message = progress,
            Conditions = PlanConditions.Running(status.Conditions, progress, stalledChildren.Count > 0, plan.Metadata.Generation, now),
        };
        if (rows.Any(row => row.Phase == PlanChildPhase.Starting))
        {
            requeue = StartingRecheck;
        }

        return new PlanDecision(next, actions, events, requeue);
    }

    /// <summary>True for a target's phase that counts against capacity: started and not ended.</summary>
    public static bool IsRunning(PlanChildPhase phase)
        => phase is PlanChildPhase.Starting or PlanChildPhase.Pending or PlanChildPhase.Submitting or PlanChildPhase.Queued
            or PlanChildPhase.Running or PlanChildPhase.Finalizing or PlanChildPhase.Stalled;

    /// <summary>True for a target's phase that ended without success.</summary>
    public static bool IsFailure(PlanChildPhase phase)
        => phase is PlanChildPhase.Failed or PlanChildPhase.Cancelled or PlanChildPhase.Lost or PlanChildPhase.Untrackable
            or PlanChildPhase.Deleted or PlanChildPhase.NameTaken;

    /// <summary>True when <paramref name="job"/> names <paramref name="plan"/> as its controller.</summary>
    public static bool IsControlledBy(ReindexJob job, ReindexPlan plan)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(plan);
        return (job.Metadata.OwnerReferences ?? []).Any(reference =>
            reference.Controller == true && reference.Kind == ReindexPlan.KindName && reference.Uid == plan.Metadata.Uid);
    }

    /// <summary>The child ReindexJob of <paramref name="plan"/> for <paramref name="service"/>, as it is created.</summary>
    public static ReindexJob NewChild(ReindexPlan plan, string service, string? token)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new ReindexJob
        {
            Metadata = new V1ObjectMeta
            {
                Name = ChildNames.For(plan.Metadata.Name, service),
                NamespaceProperty = plan.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string> { [ReindexPlan.PlanLabel] = plan.Metadata.Name },
                Annotations = token is null ? null : new Dictionary<string, string> { [ReindexJob.RerunAnnotation] = token },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = plan.ApiVersion,
                        Kind = ReindexPlan.KindName,
                        Name = plan.Metadata.Name,
                        Uid = plan.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = ChildSpecs.For(plan.Spec.Template, service),
        };
    }

    private static bool StartsRun(ReindexPlan plan)
    {
        var status = plan.Status;
        return status?.Targets is null
            || (status.CompletionTime is not null && RecordedToken(plan) is { } token && token != status.LastHandledRerun);
    }

    private static bool RerunWaiting(ReindexPlan plan, ReindexPlanStatus status)
        => RecordedToken(plan) is { } token && token != status.LastHandledRerun;

    private static string? RecordedToken(ReindexPlan plan) => plan.RerunToken is { } token ? RerunTokens.Recorded(token) : null;

    private sealed record Problem(string Reason, string Message, bool Retry);

    private static Problem? StartProblem(ReindexPlan plan, PlanObservation observation, out IReadOnlyList<string> targets)
    {
        targets = [];
        var spec = plan.Spec;
        var errors = new List<string>();
        var named = spec.Targets?.Services ?? [];
        var selector = spec.Targets?.Selector;
        if (named.Count == 0 && selector is null)
        {
            errors.Add("spec.targets: a list of services, a selector, or both");
        }

        if (selector is not null)
        {
            errors.AddRange(SelectorMatcher.Problems(selector));
        }

        if (spec.MaxConcurrentTargets < 1)
        {
            errors.Add($"spec.maxConcurrentTargets: at least 1, not {spec.MaxConcurrentTargets}");
        }

        errors.AddRange(ChildSpecs.Validate(spec.Template ?? new ReindexJobSpec(), named.FirstOrDefault(name => !string.IsNullOrEmpty(name)) ?? "service").Select(error => error.ToString()));
        if (errors.Count > 0)
        {
            return new Problem("InvalidSpec", string.Join("; ", errors), Retry: false);
        }

        var services = observation.Services ?? throw new InvalidOperationException("A run starts only with the Services observed (see WantsServices).");
        var known = services.ToDictionary(service => service.Name, StringComparer.Ordinal);
        var ns = plan.Metadata.NamespaceProperty;
        var resolved = new List<string>();
        for (var index = 0; index < named.Count; index++)
        {
            if (!known.ContainsKey(named[index]))
            {
                errors.Add($"spec.targets.services[{index}]: Service '{named[index]}' does not exist in namespace '{ns}'");
            }
            else if (!resolved.Contains(named[index]))
            {
                resolved.Add(named[index]);
            }
        }

        if (selector is not null)
        {
            var matched = services.Where(service => SelectorMatcher.Matches(selector, service.Labels)).Select(service => service.Name).Order(StringComparer.Ordinal).ToList();
            if (matched.Count == 0)
            {
                errors.Add($"spec.targets.selector: matches no Service in namespace '{ns}'");
            }

            resolved.AddRange(matched.Where(name => !resolved.Contains(name)));
        }

        if (resolved.Count > ReindexPlanSpec.MaxTargets)
        {
            errors.Add($"spec.targets: at most {ReindexPlanSpec.MaxTargets} Services per plan, not {resolved.Count}");
        }

        if (errors.Count > 0)
        {
            return new Problem("TargetsNotFound", string.Join("; ", errors), Retry: true);
        }

        var taken = resolved
            .Select(service => (Service: service, Name: ChildNames.For(plan.Metadata.Name, service)))
            .Where(child => observation.JobNamed(child.Name) is { } job && !IsControlledBy(job, plan))
            .Select(child => $"the child name '{child.Name}' for Service '{child.Service}' is held by a ReindexJob this plan does not control")
            .ToList();
        if (taken.Count > 0)
        {
            return new Problem("ChildNameTaken", string.Join("; ", taken) + "; rename or delete that ReindexJob, or rename the plan", Retry: true);
        }

        targets = resolved;
        return null;
    }

    /// <summary>The rows brought up to date with the children; recovers a creation or rerun lost to a crash.</summary>
    private static List<PlanChild> Observe(ReindexPlan plan, ReindexPlanStatus status, PlanObservation observation, List<PlanChildAction> actions, List<PlanEvent> events)
    {
        var rows = new List<PlanChild>(status.Children.Count);
        foreach (var row in status.Children)
        {
            if (!IsRunning(row.Phase))
            {
                rows.Add(row);
                continue;
            }

            var job = observation.JobNamed(row.Name);
            var next = job switch
            {
                null when row.Uid is null => Recreate(plan, status, row, actions),
                null => row with { Phase = PlanChildPhase.Deleted, Message = "the child ReindexJob was deleted before it ended" },
                _ when !IsControlledBy(job, plan) => row with { Phase = PlanChildPhase.NameTaken, Message = "a ReindexJob this plan does not control holds the child's name" },
                _ when row.Uid is not null && row.Uid != job.Metadata.Uid => row with { Phase = PlanChildPhase.Deleted, Message = "the child ReindexJob was deleted and replaced before it ended" },
                _ => FromChild(status, row, job, actions),
            };
            rows.Add(next);
            if (!IsRunning(next.Phase))
            {
                events.Add(next.Phase == PlanChildPhase.Succeeded
                    ? new PlanEvent(EventSeverity.Normal, "ChildSucceeded", "Reindex", $"{next.Name} ({next.Service}) succeeded{(next.JobId is null ? "" : $", job {next.JobId}")}.")
                    : new PlanEvent(EventSeverity.Warning, "ChildFailed", "Reindex", $"{next.Name} ({next.Service}) ended {next.Phase}: {next.Message}"));
            }
        }

        return rows;
    }

    private static PlanChild Recreate(ReindexPlan plan, ReindexPlanStatus status, PlanChild row, List<PlanChildAction> actions)
    {
        actions.Add(new PlanChildAction.Create(NewChild(plan, row.Service, status.LastHandledRerun)));
        return row with { Phase = PlanChildPhase.Starting };
    }

    private static PlanChild FromChild(ReindexPlanStatus status, PlanChild row, ReindexJob job, List<PlanChildAction> actions)
    {
        var seen = row with { Uid = job.Metadata.Uid };
        if (status.LastHandledRerun is { } token && job.RerunToken != token)
        {
            actions.Add(new PlanChildAction.Rerun(row.Name, token));
            return seen with { Phase = PlanChildPhase.Starting, Message = "asked to run again" };
        }

        var taken = job.RerunToken is null || job.Status?.LastHandledRerun == RerunTokens.Recorded(job.RerunToken);
        if (!taken || job.Status?.Phase is not { } phase)
        {
            return seen with { Phase = PlanChildPhase.Starting };
        }

        return seen with
        {
            Phase = Enum.Parse<PlanChildPhase>(phase.ToString()),
            JobId = job.Status.JobId,
            Message = job.Status.Message is { Length: > 256 } message ? message[..255] + "…" : job.Status.Message,
        };
    }

    private static void StartChildren(ReindexPlan plan, ReindexPlanStatus status, PlanObservation observation, List<PlanChild> rows, List<PlanChildAction> actions, List<PlanEvent> events)
    {
        if (plan.Spec.FailurePolicy == PlanFailurePolicy.StopOnFirstFailure && rows.Any(row => IsFailure(row.Phase)))
        {
            return;
        }

        var capacity = plan.Spec.MaxConcurrentTargets - rows.Count(row => IsRunning(row.Phase));
        for (var index = 0; index < rows.Count && capacity > 0; index++)
        {
            var row = rows[index];
            if (row.Phase != PlanChildPhase.Waiting)
            {
                continue;
            }

            var job = observation.JobNamed(row.Name);
            if (job is not null && !IsControlledBy(job, plan))
            {
                rows[index] = row with { Phase = PlanChildPhase.NameTaken, Message = "a ReindexJob this plan does not control holds the child's name" };
                events.Add(new PlanEvent(EventSeverity.Warning, "ChildFailed", "Reindex", $"{row.Name} ({row.Service}) cannot start: {rows[index].Message}."));
                if (plan.Spec.FailurePolicy == PlanFailurePolicy.StopOnFirstFailure)
                {
                    return;
                }

                continue;
            }

            if (job is null)
            {
                actions.Add(new PlanChildAction.Create(NewChild(plan, row.Service, status.LastHandledRerun)));
                rows[index] = row with { Phase = PlanChildPhase.Starting, Message = null, JobId = null };
            }
            else
            {
                if (status.LastHandledRerun is { } token && job.RerunToken != token)
                {
                    actions.Add(new PlanChildAction.Rerun(row.Name, token));
                }

                rows[index] = row with { Phase = PlanChildPhase.Starting, Uid = job.Metadata.Uid, Message = "asked to run again", JobId = null };
            }

            capacity--;
        }
    }

    private static PlanCounts Count(List<PlanChild> rows) => new()
    {
        Targets = rows.Count,
        Waiting = rows.Count(row => row.Phase == PlanChildPhase.Waiting),
        Running = rows.Count(row => IsRunning(row.Phase)),
        Succeeded = rows.Count(row => row.Phase == PlanChildPhase.Succeeded),
        Failed = rows.Count(row => IsFailure(row.Phase)),
        Skipped = rows.Count(row => row.Phase == PlanChildPhase.Skipped),
    };

    private static string Shown(IReadOnlyList<string> names)
        => string.Join(", ", names.Take(NamesShown)) + (names.Count > NamesShown ? string.Create(CultureInfo.InvariantCulture, $" and {names.Count - NamesShown} more") : "");
}
