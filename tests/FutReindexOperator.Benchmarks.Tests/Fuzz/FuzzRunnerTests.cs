using FutReindexOperator.Benchmarks.Fuzz;
using FutReindexOperator.Benchmarks.Harness;

namespace FutReindexOperator.Benchmarks.Tests.Fuzz;

/// <summary>
/// The short form of the fuzz run: schema-generated jobs against two operator replicas with kills and faults, with a
/// fixed seed and once more with a fresh one (printed, replayable with <c>fuzz --seed N</c>), in CI too, so that new
/// counterexamples surface there. Every invariant checked from outside must hold.
/// </summary>
[Category("E2E")]
[TestFixtureSource(nameof(Runs))]
public sealed class FuzzRunnerTests(int seed, int jobs)
{
    private FuzzReport? _report;

    public static IEnumerable<TestFixtureData> Runs()
    {
        yield return new TestFixtureData(20_261_204, 20);
        yield return new TestFixtureData(0, 12);
    }

    public static IEnumerable<string> InvariantNames => Enumerable.Range(1, 11).Select(number => $"I{number}");

    [OneTimeSetUp]
    public async Task RunAShortFuzzRun()
    {
        var chosen = seed != 0 ? seed : Random.Shared.Next(1, int.MaxValue);
        TestContext.Progress.WriteLine($"fuzz seed {chosen} (replay: dotnet run --project src/FutReindexOperator.Benchmarks -- fuzz --seed {chosen} --jobs {jobs} --kills 2 --window-seconds 8 --targets 3 --namespaces 2 --max-running 2)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var settings = new FuzzSettings(jobs, Kills: 2, Replicas: 2, chosen, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(60), MaxRunningPerTarget: 2, new WorldOptions { Targets = 3, Namespaces = 2, ProgressPolls = 2 });
        _report = await new FuzzRunner(TimeProvider.System, TestContext.Progress).RunAsync(settings, "CI short run", timeout.Token);
        TestContext.Progress.WriteLine(FuzzMarkdown.Render(_report));
    }

    [Test]
    public void Every_generated_job_is_accepted_by_the_API_server() => _report!.Refused.Should().Be(0);

    [Test]
    public void Faults_and_kills_were_injected() => _report!.OperatorStarts.Should().Be(2 + 2 + 1, "two replicas, two kills and the leader killed once");

    [TestCaseSource(nameof(InvariantNames))]
    public void Invariant_holds_from_outside(string invariant) => _report!.Violations[invariant].Should().BeEmpty();
}
