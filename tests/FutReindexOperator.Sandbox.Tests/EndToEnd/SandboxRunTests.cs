using FutReindexOperator.Sandbox.Simulation;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.EndToEnd;

/// <summary>The sandbox as a newcomer runs it, with the real operator as its child process.</summary>
public sealed class SandboxRunTests
{
    [Test]
    [CancelAfter(150_000)]
    public async Task A_run_with_extra_fast_jobs_reports_every_job_as_expected_and_exits_0(CancellationToken cancellationToken)
    {
        await using var sandbox = SandboxProcess.Start("--jobs", "4", "--speed", "1s", "--timeout", "100s");

        var exitCode = await sandbox.WaitForExitAsync(cancellationToken);

        var output = sandbox.Seen;
        exitCode.Should().Be(0, string.Join(Environment.NewLine, output));
        output.Should().ContainSingle(line => line.StartsWith("All ", StringComparison.Ordinal))
            .Which.Should().MatchRegex(@"^All 21 jobs and 1 plan reached their expected outcome in \d+\.\ds\.$");
        output.SkipWhile(line => line != "Summary:").Skip(1).Take(22).Should().OnlyContain(line => line.StartsWith("  ok  ", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("fails-unknown-type", StringComparison.Ordinal) && line.Contains("Stalled: invalid spec: spec.urls[0]", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("generated-004", StringComparison.Ordinal) && line.Contains("Succeeded", StringComparison.Ordinal));
        output.Should().Contain(line => line.Contains("organization-bearer (organization) Succeeded: job ", StringComparison.Ordinal) && line.Contains(" completed", StringComparison.Ordinal), "redirected output logs one line per change, naming the job id once");
    }

    [Test]
    [CancelAfter(150_000)]
    public async Task The_default_run_brings_the_sample_plan_to_Succeeded_with_one_succeeded_child_per_simulated_service(CancellationToken cancellationToken)
    {
        await using var sandbox = SandboxProcess.Start();

        var exitCode = await sandbox.WaitForExitAsync(cancellationToken);

        var output = sandbox.Seen;
        var summary = output.SkipWhile(line => line != "Summary:").Skip(1).TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal)).ToList();
        var children = summary.Where(line => line.StartsWith("  ok    fut-services-", StringComparison.Ordinal)).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        exitCode.Should().Be(0, string.Join(Environment.NewLine, output));
        output.Should().Contain(line => line.Contains("the ReindexPlan fut-services over the Services labelled fhir.fut.dk/reindex=true", StringComparison.Ordinal));
        output.Where(line => line.Contains(" Service fut/", StringComparison.Ordinal)).Should().HaveCount(12);
        children.Select(words => words[1]).Should().BeEquivalentTo(SimulatedServices.All.Select(service => $"fut-services-{service}"), "one child per simulated service");
        children.Should().OnlyContain(words => words[2] == "Succeeded:");
        summary.Should().ContainSingle(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "fut-services", "the plan has one summary line")
            .Which.Should().MatchRegex(@"^  ok    fut-services\s+plan Succeeded \(12 targets: 0 running, 0 waiting, 12 succeeded, 0 failed\): All 12 targets succeeded\.$");
        output.Should().ContainSingle(line => line.StartsWith("All ", StringComparison.Ordinal))
            .Which.Should().MatchRegex(@"^All 17 jobs and 1 plan reached their expected outcome in \d+\.\ds\.$");
        output.Should().Contain(line => line.Contains("] plan fut-services Running: ", StringComparison.Ordinal) && line.EndsWith(" of 12 targets.", StringComparison.Ordinal), "the plan's progress is logged as it changes");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_bad_option_exits_2_naming_it(CancellationToken cancellationToken)
    {
        await using var sandbox = SandboxProcess.Start("--faults", "sometimes");

        var exitCode = await sandbox.WaitForExitAsync(cancellationToken);

        exitCode.Should().Be(2);
        sandbox.Seen.Should().Contain("--faults: expected none, flaky or chaos, not 'sometimes'");
    }
}
