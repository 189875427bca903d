using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Plans;

/// <summary>
/// What the harness saw of a plan's children over its samples: how many were running at each sampled moment (created and
/// not terminal), how often each child entered a terminal phase, and the objects (UIDs) each service's child was.
/// </summary>
public sealed class ChildHistory
{
    private readonly Dictionary<string, Child> _children = new(StringComparer.Ordinal);

    /// <summary>The most children running at one sampled moment.</summary>
    public int MaxRunning { get; private set; }

    /// <summary>How many samples were taken.</summary>
    public int Samples { get; private set; }

    /// <summary>Children seen, by name.</summary>
    public int Children => _children.Count;

    /// <summary>The distinct target services of the children seen.</summary>
    public int DistinctServices => _children.Values.Select(child => child.Service).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Children whose latest sampled phase is terminal.</summary>
    public int Terminal => _children.Values.Count(child => child.LastPhase is { } phase && phase.IsTerminal());

    /// <summary>Children whose latest sampled phase is Succeeded.</summary>
    public int Succeeded => _children.Values.Count(child => child.LastPhase == ReindexPhase.Succeeded);

    /// <summary>Children that entered a terminal phase other than exactly once (left it and came back, or never reached it).</summary>
    public IReadOnlyList<string> NotTerminalExactlyOnce => [.. _children.Where(pair => pair.Value.TerminalEntries != 1).Select(pair => pair.Key).Order(StringComparer.Ordinal)];

    /// <summary>Children that were more than one object (deleted and created again) during the run.</summary>
    public IReadOnlyList<string> Recreated => [.. _children.Where(pair => pair.Value.Uids.Count > 1).Select(pair => pair.Key).Order(StringComparer.Ordinal)];

    /// <summary>The names of the children seen.</summary>
    public IReadOnlyCollection<string> Names => _children.Keys;

    /// <summary>Takes in the children of one list (the jobs labelled with the plan's name).</summary>
    public void Sample(IEnumerable<ReindexJob> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        var running = 0;
        foreach (var job in children)
        {
            var phase = job.Status?.Phase;
            var terminal = phase is { } known && known.IsTerminal();
            if (!_children.TryGetValue(job.Metadata.Name, out var child))
            {
                child = new Child(job.Spec.Target.Service);
                _children[job.Metadata.Name] = child;
            }

            if (terminal && !(child.LastPhase is { } last && last.IsTerminal()))
            {
                child.TerminalEntries++;
            }

            child.LastPhase = phase;
            if (job.Metadata.Uid is { } uid)
            {
                child.Uids.Add(uid);
            }

            running += terminal ? 0 : 1;
        }

        MaxRunning = Math.Max(MaxRunning, running);
        Samples++;
    }

    private sealed class Child(string service)
    {
        public string Service { get; } = service;

        public ReindexPhase? LastPhase { get; set; }

        public int TerminalEntries { get; set; }

        public HashSet<string> Uids { get; } = new(StringComparer.Ordinal);
    }
}
