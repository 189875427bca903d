namespace FutReindexOperator.Benchmarks.Measuring;

/// <summary>Named counts (requests per verb and resource, per FHIR target, ...), as read at one moment.</summary>
public sealed record Counters(IReadOnlyDictionary<string, long> Values)
{
    public static readonly Counters Empty = new(new Dictionary<string, long>());

    public long this[string name] => Values.GetValueOrDefault(name);

    public long Total => Values.Values.Sum();

    /// <summary>
    /// What was counted after <paramref name="earlier"/> was read: every name of either side, this count minus the earlier
    /// one. Counters never go down, so a negative difference means they were reset in between.
    /// </summary>
    /// <exception cref="InvalidOperationException">A counter went down (reset between the two reads).</exception>
    public Counters Since(Counters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var difference = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in Values.Keys.Union(earlier.Values.Keys))
        {
            var delta = this[name] - earlier[name];
            if (delta < 0)
            {
                throw new InvalidOperationException($"Counter '{name}' went down from {earlier[name]} to {this[name]}: it was reset between the two reads.");
            }

            if (delta > 0)
            {
                difference[name] = delta;
            }
        }

        return new Counters(difference);
    }

    /// <summary>These counts minus <paramref name="own"/>: removes the requests the harness itself made.</summary>
    public Counters Without(Counters own)
    {
        ArgumentNullException.ThrowIfNull(own);
        return new Counters(Values
            .Select(pair => KeyValuePair.Create(pair.Key, Math.Max(0, pair.Value - own[pair.Key])))
            .Where(pair => pair.Value > 0)
            .ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>The counts whose name satisfies <paramref name="predicate"/>.</summary>
    public Counters Where(Func<string, bool> predicate)
        => new(Values.Where(pair => predicate(pair.Key)).ToDictionary(StringComparer.Ordinal));
}
