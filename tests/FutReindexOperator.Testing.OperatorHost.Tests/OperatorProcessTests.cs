using System.Collections.Concurrent;

namespace FutReindexOperator.Testing.OperatorHost.Tests;

/// <summary>Starting the production operator as a child process: when it cannot start, and reading its output.</summary>
public sealed class OperatorProcessTests
{
    private readonly List<string> _directories = [];

    private static string OperatorAssembly => Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll");

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
    public async Task StartAsync_MissingAssembly_NamesIt(CancellationToken cancellationToken)
    {
        var missing = Path.Combine(AppContext.BaseDirectory, "NoSuchOperator.dll");

        var start = () => OperatorProcess.StartAsync(new OperatorLaunch(missing, new Dictionary<string, string>()) { LogPath = LogPath() }, TimeSpan.FromSeconds(5), cancellationToken);

        await start.Should().ThrowAsync<OperatorStartException>().WithMessage($"The operator is not at {missing}*");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task StartAsync_ExitBeforeReady_ReportsExitCodeAndLastLines(CancellationToken cancellationToken)
    {
        var logPath = LogPath();
        var launch = new OperatorLaunch(OperatorAssembly, InvalidOptions()) { LogPath = logPath };

        var start = () => OperatorProcess.StartAsync(launch, TimeSpan.FromSeconds(45), cancellationToken);

        var thrown = await start.Should().ThrowAsync<OperatorStartException>();
        thrown.Which.Message.Should().MatchRegex(@"^The operator exited with code [1-9]\d* before it was ready\. Its last lines:");
        thrown.Which.Message.Should().Contain(File.ReadAllLines(logPath).Last(line => line.Length > 0));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Start_ExitBeforeServing_FaultsHttpAddress(CancellationToken cancellationToken)
    {
        await using var running = OperatorProcess.Start(new OperatorLaunch(OperatorAssembly, InvalidOptions()));

        var address = () => running.HttpAddress.WaitAsync(cancellationToken);

        await address.Should().ThrowAsync<OperatorStartException>().WithMessage("The operator exited with code * before serving HTTP.");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Start_SharedOutputQueue_ReceivesTheLines(CancellationToken cancellationToken)
    {
        var output = new ConcurrentQueue<string>();
        await using var running = OperatorProcess.Start(new OperatorLaunch(OperatorAssembly, InvalidOptions()) { Output = output });

        var ready = () => running.Ready.WaitAsync(cancellationToken);
        await ready.Should().ThrowAsync<OperatorStartException>();
        await running.KillAsync();

        running.Output.Should().BeSameAs(output);
        output.Should().Contain(line => line.Contains("Reindex:MaxRunningPerTarget", StringComparison.Ordinal));
    }

    [Test]
    public void ParseHttpAddress_RuntimeServingLine_ReturnsTheAddress()
        => OperatorProcess.ParseHttpAddress("info: FutReindexOperator.Runtime.Hosting.OperatorHttpServer[501] Serving /healthz, /readyz and /metrics on http://127.0.0.1:41234")
            .Should().Be(new Uri("http://127.0.0.1:41234"));

    [Test]
    public void ParseHttpAddress_OtherLine_ReturnsNull()
        => OperatorProcess.ParseHttpAddress("info: Operator ready").Should().BeNull();

    private static Dictionary<string, string> InvalidOptions()
        => new() { ["Reindex__MaxRunningPerTarget"] = "0", ["KUBECONFIG"] = Path.Combine(AppContext.BaseDirectory, "no-kubeconfig") };

    private string LogPath()
    {
        var directory = Directory.CreateTempSubdirectory("operator-process-test-").FullName;
        _directories.Add(directory);
        return Path.Combine(directory, "operator.log");
    }
}
