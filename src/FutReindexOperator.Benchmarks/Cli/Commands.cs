using System.Globalization;
using BenchmarkDotNet.Running;
using FutReindexOperator.Benchmarks.Chaos;
using FutReindexOperator.Benchmarks.Fuzz;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Plans;
using FutReindexOperator.Benchmarks.Reports;

namespace FutReindexOperator.Benchmarks.Cli;

/// <summary>The harness's commands: <c>bench</c>, <c>plan</c>, <c>chaos</c>, <c>fuzz</c> and <c>micro</c>.</summary>
public static class Commands
{
    public const string Usage = """
        Usage (from the repository root):
          dotnet run -c Release --project src/FutReindexOperator.Benchmarks -- bench --jobs 100,1000,10000
              [--targets T] [--namespaces n] [--polls P] [--idle-seconds 5] [--timeout-minutes 30]
              [--workers W] [--label "full run"] [--name bench] [--out docs/benchmarks]
          dotnet run -c Release --project src/FutReindexOperator.Benchmarks -- plan --services 100 --max-concurrent 10
              [--polls 2] [--idle-seconds 5] [--timeout-minutes 10] [--label "full run"] [--name plan] [--out docs/benchmarks]
          dotnet run -c Release --project src/FutReindexOperator.Benchmarks -- chaos --jobs 200 --kills 5
              [--replicas 2] [--seed 1] [--window-seconds 60] [--rounds 2] [--targets 3] [--polls 3]
              [--memory-limit-mib 256] [--max-running 5] [--timeout-minutes 10] [--label "full run"] [--name chaos] [--out docs/benchmarks]
          dotnet run -c Release --project src/FutReindexOperator.Benchmarks -- fuzz --jobs 2000 --kills 5
              [--replicas 2] [--seed N (default: fresh, printed)] [--window-seconds 120] [--targets 5] [--namespaces 3]
              [--max-running 5] [--timeout-minutes 10] [--label "full run"] [--name fuzz] [--out docs/benchmarks]
          dotnet run -c Release --project src/FutReindexOperator.Benchmarks -- micro -- --filter '*' --inProcess [other BenchmarkDotNet arguments]
        """;

    public static async Task<int> RunAsync(HarnessArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.WantsHelp)
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        switch (arguments.Command)
        {
            case "bench":
                return await BenchAsync(arguments, output, cancellationToken);
            case "plan":
                return await PlanAsync(arguments, output, cancellationToken);
            case "chaos":
                return await ChaosAsync(arguments, output, cancellationToken);
            case "fuzz":
                return await FuzzAsync(arguments, output, cancellationToken);
            case "micro":
                arguments.RefuseUnread();
                BenchmarkSwitcher.FromAssembly(typeof(Commands).Assembly).Run([.. arguments.Rest]);
                return 0;
            default:
                await output.WriteLineAsync($"Unknown command '{arguments.Command}'.\n{Usage}");
                return 2;
        }
    }

    private static async Task<int> BenchAsync(HarnessArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var counts = arguments.WholeNumbers("jobs", [100, 1000, 10_000]);
        var label = arguments.Text("label", "full run");
        var directory = arguments.Text("out", "docs/benchmarks");
        var name = arguments.Text("name", "bench");
        var results = new List<BenchResult>();
        var runner = new BenchRunner(TimeProvider.System, output);
        foreach (var jobs in counts)
        {
            var targets = arguments.WholeNumber("targets", Math.Max(3, (jobs + 99) / 100), 1, 1000);
            var world = new WorldOptions
            {
                Targets = targets,
                Namespaces = arguments.WholeNumber("namespaces", Math.Min(targets, 10), 1, 100),
                ProgressPolls = arguments.WholeNumber("polls", 2, 0, 100),
            };
            var operatorSettings = new Dictionary<string, string>(StringComparer.Ordinal);
            if (arguments.WholeNumber("workers", 0, 0, 1000) is > 0 and var workers)
            {
                operatorSettings["OperatorRuntime__MaxConcurrentReconciles"] = workers.ToString(CultureInfo.InvariantCulture);
            }

            var settings = new BenchSettings(
                jobs,
                world,
                TimeSpan.FromSeconds(arguments.Number("idle-seconds", 5)),
                TimeSpan.FromMinutes(arguments.Number("timeout-minutes", 30)),
                operatorSettings);
            arguments.RefuseUnread();
            results.Add(await runner.RunAsync(settings, cancellationToken));
        }

        var report = new BenchReport(label, DateTimeOffset.UtcNow, MachineInfo.Current(), Setup(arguments), results);
        foreach (var path in ReportFiles.WriteBench(report, directory, name))
        {
            await output.WriteLineAsync($"wrote {path}");
        }

        await output.WriteLineAsync(BenchMarkdown.Render(report));
        return 0;
    }

    private static async Task<int> PlanAsync(HarnessArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new PlanSettings(
            arguments.WholeNumber("services", 100, 1, FutReindexOperator.Model.ReindexPlanSpec.MaxTargets),
            arguments.WholeNumber("max-concurrent", 10, 1, FutReindexOperator.Model.ReindexPlanSpec.MaxTargets),
            arguments.WholeNumber("polls", 2, 0, 100),
            TimeSpan.FromSeconds(arguments.Number("idle-seconds", 5)),
            TimeSpan.FromMinutes(arguments.Number("timeout-minutes", 10)));
        var label = arguments.Text("label", "full run");
        var directory = arguments.Text("out", "docs/benchmarks");
        var name = arguments.Text("name", "plan");
        arguments.RefuseUnread();
        var loadBefore = MachineInfo.LoadAverage();
        var result = await new PlanRunner(TimeProvider.System, output).RunAsync(settings, cancellationToken);
        var setup = $"one ReindexPlan selecting {settings.Services} labelled Services (one simulated HAPI server each, on its own listener), "
            + $"maxConcurrentTargets {settings.MaxConcurrentTargets}, failurePolicy Continue; before it, one standalone ReindexJob on an unlabelled "
            + $"Service; every HAPI job answers IN_PROGRESS {settings.ProgressPolls} time(s), then COMPLETED; polls after 200 ms, then 200, 400 ms; "
            + "Reindex:MaxRunningPerTarget 1; the operator's other settings are its defaults";
        var report = new PlanReport(label, DateTimeOffset.UtcNow, MachineInfo.Current(), setup, result) { LoadAverage = $"{loadBefore ?? "?"} at the start, {MachineInfo.LoadAverage() ?? "?"} at the end" };
        Directory.CreateDirectory(directory);
        var markdown = PlanMarkdown.Render(report);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.md"), markdown, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.json"), System.Text.Json.JsonSerializer.Serialize(report, ReportFiles.Json), cancellationToken);
        await output.WriteLineAsync($"wrote {Path.Combine(directory, name)}.md and .json");
        await output.WriteLineAsync(markdown);
        return 0;
    }

    private static async Task<int> ChaosAsync(HarnessArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new ChaosSettings(
            arguments.WholeNumber("jobs", 200, 1, 100_000),
            arguments.WholeNumber("kills", 5, 0, 1000),
            arguments.WholeNumber("replicas", 2, 1, 2),
            arguments.WholeNumber("seed", 1),
            TimeSpan.FromSeconds(arguments.Number("window-seconds", 60)),
            arguments.WholeNumber("rounds", 2, 0, 100),
            TimeSpan.FromMinutes(arguments.Number("timeout-minutes", 10)),
            arguments.Number("memory-limit-mib", 256),
            arguments.WholeNumber("max-running", 5, 1, 100),
            new WorldOptions
            {
                Targets = arguments.WholeNumber("targets", 3, 1, 1000),
                Namespaces = arguments.WholeNumber("namespaces", 3, 1, 100),
                ProgressPolls = arguments.WholeNumber("polls", 3, 0, 100),
                FailingTargets = 1,
                OAuth2 = true,
            });
        var label = arguments.Text("label", "full run");
        var directory = arguments.Text("out", "docs/benchmarks");
        var name = arguments.Text("name", "chaos");
        arguments.RefuseUnread();
        var report = await new ChaosRunner(TimeProvider.System, output).RunAsync(settings, label, cancellationToken);
        foreach (var path in ReportFiles.WriteChaos(report, directory, name))
        {
            await output.WriteLineAsync($"wrote {path}");
        }

        await output.WriteLineAsync(ChaosMarkdown.Render(report));
        return report.Passed ? 0 : 1;
    }

    private static async Task<int> FuzzAsync(HarnessArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new FuzzSettings(
            arguments.WholeNumber("jobs", 2000, 1, 100_000),
            arguments.WholeNumber("kills", 5, 0, 1000),
            arguments.WholeNumber("replicas", 2, 1, 2),
            arguments.WholeNumber("seed", Random.Shared.Next(1, int.MaxValue)),
            TimeSpan.FromSeconds(arguments.Number("window-seconds", 120)),
            TimeSpan.FromMinutes(arguments.Number("timeout-minutes", 10)),
            arguments.WholeNumber("max-running", 5, 1, 100),
            new WorldOptions { Targets = arguments.WholeNumber("targets", 5, 1, 1000), Namespaces = arguments.WholeNumber("namespaces", 3, 1, 100), ProgressPolls = 2 });
        var label = arguments.Text("label", "full run");
        var directory = arguments.Text("out", "docs/benchmarks");
        var name = arguments.Text("name", "fuzz");
        arguments.RefuseUnread();
        await output.WriteLineAsync($"fuzz: seed {settings.Seed} (replay with --seed {settings.Seed})");
        var report = await new FuzzRunner(TimeProvider.System, output).RunAsync(settings, label, cancellationToken);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.md"), FuzzMarkdown.Render(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.json"), System.Text.Json.JsonSerializer.Serialize(report, ReportFiles.Json), cancellationToken);
        await output.WriteLineAsync($"wrote {Path.Combine(directory, name)}.md and .json");
        await output.WriteLineAsync(FuzzMarkdown.Render(report));
        return report.Passed ? 0 : 1;
    }

    private static string Setup(HarnessArguments arguments)
        => $"jobs spread round robin over T targets (default max(3, N/100)) in up to 10 namespaces; every job polls first after 200 ms, "
           + $"then 200, 400 ms (no jitter); the simulator answers IN_PROGRESS {arguments.WholeNumber("polls", 2, 0, 100)} time(s), then COMPLETED; "
           + "Reindex:MaxRunningPerTarget = ceil(N/T) (at most 100), so no job waits for a slot; the operator's other settings are its defaults";
}
