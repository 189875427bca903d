using System.Globalization;

namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>The installed fault rules; decides which fault (if any) a request meets. Thread-safe and deterministic for a seed.</summary>
public sealed class FaultInjector(int seed)
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _rules = [];
    private readonly Random _random = new(seed);
    private int _nextId;

    /// <summary>Installs a rule; returns its id.</summary>
    public string Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
            _rules.Add(new Entry(id, rule) { Remaining = rule.Count });
            return id;
        }
    }

    /// <summary>Removes a rule; false when unknown.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(entry => entry.Id == id) > 0;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The installed rules, oldest first.</summary>
    public IReadOnlyList<ActiveFault> List()
    {
        lock (_gate)
        {
            return _rules.Select(entry => new ActiveFault(entry.Id, entry.Rule, entry.Remaining, entry.Fired)).ToList();
        }
    }

    /// <summary>The first installed rule that matches and fires for the request (consuming one of its count), or null.</summary>
    public FaultRule? Match(MeshTarget target, string method)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            foreach (var entry in _rules)
            {
                var rule = entry.Rule;
                if ((rule.Service is not null && rule.Service != target.Name)
                    || (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || (rule.Operation is not null && rule.Operation != target.Operation)
                    || entry.Remaining == 0
                    || (rule.Probability < 1 && _random.NextDouble() >= rule.Probability))
                {
                    continue;
                }

                entry.Remaining--;
                entry.Fired++;
                return rule;
            }

            return null;
        }
    }

    private sealed class Entry(string id, FaultRule rule)
    {
        public string Id { get; } = id;

        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; }

        public int Fired { get; set; }
    }
}
