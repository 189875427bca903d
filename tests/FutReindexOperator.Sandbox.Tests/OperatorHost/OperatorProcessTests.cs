using FutReindexOperator.Sandbox.OperatorHost;

namespace FutReindexOperator.Sandbox.Tests.OperatorHost;

/// <summary>Starting the production operator as a child process, when it cannot start.</summary>
public sealed class OperatorProcessTests
{
    private readonly List<string> _directories = [];

    [TearDown]
    public void DeleteLogDirectories()
    {
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }

        _directories.Clear();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task A_missing_operator_assembly_is_named(CancellationToken cancellationToken)
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "NoSuchOperator.dll");

        var start = () => OperatorProcess.StartAsync(missing, new Dictionary<string, string>(), LogPath(), TimeSpan.FromSeconds(5), cancellationToken);

        await start.Should().ThrowAsync<OperatorStartException>().WithMessage($"The operator is not at {missing}*");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_operator_that_exits_before_ready_is_reported_with_its_exit_code_and_last_lines(CancellationToken cancellationToken)
    {
        var logPath = LogPath();
        var environment = new Dictionary<string, string> { ["Reindex__MaxRunningPerTarget"] = "0", ["KUBECONFIG"] = Path.Combine(AppContext.BaseDirectory, "no-kubeconfig") };

        var start = () => OperatorProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"), environment, logPath, TimeSpan.FromSeconds(45), cancellationToken);

        var thrown = await start.Should().ThrowAsync<OperatorStartException>();
        thrown.Which.Message.Should().MatchRegex(@"^The operator exited with code [1-9]\d* before it was ready\. Its last lines:");
        thrown.Which.Message.Should().Contain(File.ReadAllLines(logPath).Last(line => line.Length > 0));
    }

    private string LogPath()
    {
        var directory = Directory.CreateTempSubdirectory("operator-process-test-").FullName;
        _directories.Add(directory);
        return Path.Combine(directory, "operator.log");
    }
}
