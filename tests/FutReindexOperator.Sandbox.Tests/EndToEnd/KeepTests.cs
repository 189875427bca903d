using FutReindexOperator.Sandbox.Simulation;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.EndToEnd;

/// <summary>A <c>--keep</c> sandbox and the kubectl commands it prints, run with the real kubectl.</summary>
public sealed class KeepTests
{
    private string? _workDirectory;

    // The sandbox is killed with its operator, so the kubeconfig and log it kept are removed here.
    [TearDown]
    public void DeleteWorkDirectory()
    {
        if (_workDirectory is not null && Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task The_printed_kubectl_commands_work_against_a_kept_sandbox(CancellationToken cancellationToken)
    {
        await using var sandbox = SandboxProcess.Start("--keep", "--speed", "1s", "--timeout", "100s");
        await sandbox.WaitForLineAsync(line => line == "Press Ctrl+C to stop.", cancellationToken);
        var commands = sandbox.Seen.Where(line => line.StartsWith("  kubectl ", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
        var kubeconfig = sandbox.Seen.SkipWhile(line => !line.EndsWith("Kubeconfig:", StringComparison.Ordinal)).Skip(1).First().Trim();
        _workDirectory = Path.GetDirectoryName(kubeconfig);

        var watched = await FirstLinesOfWatchAsync(commands.Single(command => command.EndsWith(" get rj -w", StringComparison.Ordinal)), 18, cancellationToken);
        var described = await Kubectl.RunAsync(commands.Single(command => command.Contains(" describe rj ", StringComparison.Ordinal)), cancellationToken);
        var waited = await Kubectl.RunAsync(commands.Single(command => command.Contains(" wait --for=condition=Complete rj/", StringComparison.Ordinal)), cancellationToken);
        var waitedForPlan = await Kubectl.RunAsync(commands.Single(command => command.Contains(" wait --for=condition=Complete rp/", StringComparison.Ordinal)), cancellationToken);
        var plans = await Kubectl.RunAsync(commands.Single(command => command.EndsWith(" get rp", StringComparison.Ordinal)), cancellationToken);
        var children = await Kubectl.RunAsync(commands.Single(command => command.Contains(" get rj -l ", StringComparison.Ordinal)), cancellationToken);

        File.Exists(kubeconfig).Should().BeTrue();
        commands.Should().OnlyContain(command => command.StartsWith($"kubectl --kubeconfig {kubeconfig} ", StringComparison.Ordinal));
        watched[0].Should().MatchRegex(@"^NAME\s+TARGET\s+PHASE\s+STARTED\s+FINISHED\s+AGE\s+MESSAGE$");
        watched.Skip(1).Select(line => line.Split(' ')[0]).Should().BeEquivalentTo(
            new[] { "organization-bearer", "careplan-oauth2-password", "task-client-credentials", "everything-no-auth", "fails-unknown-type" }
                .Concat(SimulatedServices.All.Select(service => $"fut-services-{service}")));
        watched.Should().Contain(line => line.StartsWith("organization-bearer ", StringComparison.Ordinal) && line.Contains(" Succeeded ", StringComparison.Ordinal));
        described.ExitCode.Should().Be(0, described.Output);
        described.Output.Should().Contain("Name:         organization-bearer").And.Contain("Phase:").And.Contain("Succeeded");
        waited.ExitCode.Should().Be(0, waited.Output);
        waited.Output.Trim().Should().Be("reindexjob.fhir.fut.dk/organization-bearer condition met");
        waitedForPlan.ExitCode.Should().Be(0, waitedForPlan.Output);
        waitedForPlan.Output.Trim().Should().Be("reindexplan.fhir.fut.dk/fut-services condition met");
        plans.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2)
            .And.Subject.Last().Should().MatchRegex(@"^fut-services\s+12\s+12\s+0\s+0\s+\S+$");
        children.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Should().HaveCount(12).And.OnlyContain(line => line.StartsWith("fut-services-", StringComparison.Ordinal));
    }

    private static async Task<List<string>> FirstLinesOfWatchAsync(string command, int count, CancellationToken cancellationToken)
    {
        using var watch = Kubectl.Start(command);
        var lines = new List<string>();
        try
        {
            while (lines.Count < count && await watch.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                lines.Add(line);
            }
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync(cancellationToken);
        }

        return lines;
    }
}
