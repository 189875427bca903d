using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.IntegrationTests.Flows;

[Category("E2E")]
public sealed class HostTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task An_invalid_option_stops_the_operator_with_a_message_naming_the_key(CancellationToken cancellationToken)
    {
        var start = () => OperatorHarness.StartAsync(cancellationToken, settings: new Dictionary<string, string> { ["Reindex__Http__RequestTimeout"] = "00:00:00.001" });

        await start.Should().ThrowAsync<OperatorStartException>().WithMessage("*Invalid configuration*Reindex:Http:RequestTimeout*");
    }

    /// <summary>The runtime's own options (issue 13 #11, left over): a wrong type there ended the process with SIGABRT and a stack trace.</summary>
    [TestCase("Reindex__Polling__Deadline", "soon", "Reindex:Polling:Deadline*'soon' is not a duration")]
    [TestCase("OperatorRuntime__MaxConcurrentReconciles", "many", "'many' at 'OperatorRuntime:MaxConcurrentReconciles'")]
    [CancelAfter(90_000)]
    public async Task An_option_of_the_wrong_type_stops_the_operator_with_exit_code_1_and_a_message_naming_the_key(string setting, string value, string expected, CancellationToken cancellationToken)
    {
        var start = () => OperatorHarness.StartAsync(cancellationToken, settings: new Dictionary<string, string> { [setting] = value });

        var failure = await start.Should().ThrowAsync<OperatorStartException>();
        failure.WithMessage($"*exited with code 1 *Invalid configuration*{expected}*").And.Message.Should().NotContain("   at ");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_kubeconfig_that_is_no_YAML_stops_the_operator_with_a_message_naming_the_key(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("broken-kubeconfig-");
        try
        {
            var kubeconfig = Path.Combine(directory.FullName, "config");
            await File.WriteAllTextAsync(kubeconfig, "clusters: [ { name: a", cancellationToken);

            var start = () => OperatorHarness.StartAsync(cancellationToken, settings: new Dictionary<string, string> { ["Kubernetes__Kubeconfig"] = kubeconfig });

            await start.Should().ThrowAsync<OperatorStartException>().WithMessage("*Invalid configuration*Kubernetes:Kubeconfig*is not a kubeconfig document*");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task SIGTERM_stops_the_operator_gracefully_with_exit_code_0(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);

        var exitCode = await world.Operator!.TerminateAsync(cancellationToken);

        exitCode.Should().Be(0);
        world.OperatorOutput.Should().Contain(line => line.Contains("Connecting to the Kubernetes API at https://127.0.0.1:", StringComparison.Ordinal));
    }
}
