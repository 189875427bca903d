using System.Globalization;

namespace FutReindexOperator.Benchmarks.Cli;

/// <summary>
/// The harness's arguments: a command (<c>bench</c>, <c>chaos</c>, <c>fuzz</c>, <c>micro</c>) followed by <c>--name value</c> options
/// (or <c>--flag</c> alone for true). Every getter names the option and what it expects when the value is bad.
/// </summary>
public sealed class HarnessArguments
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private HarnessArguments(string command, Dictionary<string, string> options, IReadOnlyList<string> rest)
    {
        Command = command;
        _options = options;
        Rest = rest;
    }

    public string Command { get; }

    /// <summary>Everything after <c>--</c> (passed on to BenchmarkDotNet by <c>micro</c>).</summary>
    public IReadOnlyList<string> Rest { get; }

    /// <exception cref="ArgumentException">No command, or an argument that is not an option.</exception>
    public static HarnessArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h")))
        {
            throw new ArgumentException("Expected a command first: bench, chaos, fuzz or micro.");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 1;
        while (index < args.Count && args[index] != "--")
        {
            var name = args[index];
            if (name == "-h")
            {
                name = "--h";
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new ArgumentException($"Expected an option like --jobs, not '{name}'.");
            }

            var hasValue = index + 1 < args.Count && !args[index + 1].StartsWith("--", StringComparison.Ordinal);
            options[name[2..]] = hasValue ? args[index + 1] : "true";
            index += hasValue ? 2 : 1;
        }

        return new HarnessArguments(args[0], options, [.. args.Skip(index + 1)]);
    }

    /// <summary>Whether <c>--help</c> or <c>-h</c> was given, as the command or as an option.</summary>
    public bool WantsHelp => Command is "--help" or "-h" or "help" || _options.ContainsKey("help") || _options.ContainsKey("h");

    public string Text(string name, string fallback) => Lookup(name, out var text) ? text : fallback;

    public bool Flag(string name) => Lookup(name, out var value) && value != "false";

    /// <summary>
    /// Refuses options no getter asked for, so that a misspelt option (<c>--job 10</c>) stops the run instead of starting
    /// a long one with the default. Call it after every option of the command has been read.
    /// </summary>
    /// <exception cref="ArgumentException">Names the options that were given but not read.</exception>
    public void RefuseUnread()
    {
        var unread = _options.Keys.Where(name => !_read.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unread.Count > 0)
        {
            throw new ArgumentException($"'{Command}' does not take {string.Join(", ", unread.Select(name => $"--{name}"))}.");
        }
    }

    /// <exception cref="ArgumentException">The value is not an integer in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public int WholeNumber(string name, int fallback, int min = 0, int max = int.MaxValue)
        => Lookup(name, out var text) ? ParseWholeNumber(name, text, min, max) : fallback;

    /// <exception cref="ArgumentException">An element is not an integer in [1, 100000].</exception>
    public IReadOnlyList<int> WholeNumbers(string name, IReadOnlyList<int> fallback)
        => Lookup(name, out var text)
            ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => ParseWholeNumber(name, item.Replace("_", "", StringComparison.Ordinal), 1, 100_000))]
            : fallback;

    /// <exception cref="ArgumentException">The value is not a positive number.</exception>
    public double Number(string name, double fallback)
    {
        if (!Lookup(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} expects a positive number, not '{text}'.");
    }

    private bool Lookup(string name, out string value)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out value!);
    }

    private static int ParseWholeNumber(string name, string text, int min, int max)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} expects an integer from {min} to {max}, not '{text}'.");
}
