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
            .Which.Should().MatchRegex(@"^All 9 jobs reached their expected outcome in \d+\.\ds\.$");
        output.SkipWhile(line => line != "Summary:").Skip(1).Take(9).Should().OnlyContain(line => line.StartsWith("  ok  ", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("fails-unknown-type", StringComparison.Ordinal) && line.Contains("Stalled: invalid spec: spec.urls[0]", StringComparison.Ordinal))
            .And.Contain(line => line.Contains("generated-004", StringComparison.Ordinal) && line.Contains("Succeeded", StringComparison.Ordinal));
        output.Should().Contain(line => line.Contains("organization-bearer (organization) Succeeded: job ", StringComparison.Ordinal) && line.Contains(" completed", StringComparison.Ordinal), "redirected output logs one line per change, naming the job id once");
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
