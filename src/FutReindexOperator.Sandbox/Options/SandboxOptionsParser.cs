using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Options;

/// <summary>Reads the sandbox's command line: <c>--jobs N</c>, <c>--speed</c>, <c>--faults</c>, <c>--timeout</c>, <c>--keep</c>, <c>--help</c>.</summary>
public static class SandboxOptionsParser
{
    /// <summary>The most extra jobs a run may ask for.</summary>
    public const int MaxExtraJobs = 500;

    public const string Usage = """
        Usage: dotnet run --project src/FutReindexOperator.Sandbox -- [options]

        Starts a Kubernetes API test server and a HAPI FHIR simulator on 127.0.0.1, installs the ReindexJob CRD and
        the samples of config/samples, runs the real operator against them and shows the jobs until each reaches
        its expected outcome. Exit code 0 when every job did, 1 when one did not, 2 for bad options, 3 when the
        sandbox could not start.

        Options:
          --jobs N            extra generated jobs spread over the services, besides the samples (default 0)
          --speed S           fast (jobs take ~3 s), normal (~14 s), or the IN_PROGRESS time as a duration: 5s, 1500ms (default fast)
          --faults F          none, flaky or chaos: mesh faults in the simulator, API server faults and watch drops (default none)
          --timeout D         how long the jobs may take, as a duration: 90s, 5m (default 2m)
          --keep              keep everything running after the summary and print the kubectl commands to try
          --help              this text
        """;

    /// <summary>Parses <paramref name="args"/>; <c>--name value</c> and <c>--name=value</c> are both accepted.</summary>
    public static SandboxOptionsParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SandboxOptions();
        for (var index = 0; index < args.Count; index++)
        {
            var (name, inlineValue) = Split(args[index]);
            string? Value() => inlineValue ?? (index + 1 < args.Count ? args[++index] : null);
            switch (name)
            {
                case "--help" or "-h":
                    options = options with { ShowHelp = true };
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                case "--jobs":
                    var jobs = Value();
                    if (!int.TryParse(jobs, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count > MaxExtraJobs)
                    {
                        return Error($"--jobs: expected a whole number from 0 to {MaxExtraJobs}, not '{jobs}'");
                    }

                    options = options with { ExtraJobs = count };
                    break;
                case "--speed":
                    var speedText = Value();
                    if (speedText is null || SimulatedSpeed.Parse(speedText) is not { } speed)
                    {
                        return Error($"--speed: expected fast, normal or a duration such as 5s or 1500ms (at most 1h), not '{speedText}'");
                    }

                    options = options with { Speed = speed };
                    break;
                case "--faults":
                    var faultsText = Value();
                    if (faultsText is not ("none" or "flaky" or "chaos"))
                    {
                        return Error($"--faults: expected none, flaky or chaos, not '{faultsText}'");
                    }

                    options = options with { Faults = Enum.Parse<FaultProfile>(faultsText, ignoreCase: true) };
                    break;
                case "--timeout":
                    var timeoutText = Value();
                    if (!GoDuration.TryParse(timeoutText, out var timeout) || timeout < TimeSpan.FromSeconds(1))
                    {
                        return Error($"--timeout: expected a duration of at least 1s such as 90s or 5m, not '{timeoutText}'");
                    }

                    options = options with { Timeout = timeout };
                    break;
                default:
                    return Error($"unknown option '{args[index]}'; see --help");
            }
        }

        return new SandboxOptionsParseResult(options, null);
    }

    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (argument[..equals], argument[(equals + 1)..]) : (argument, null);
    }

    private static SandboxOptionsParseResult Error(string message) => new(null, message);
}
