using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Testing.Conditions;

namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>The runtime against an API server that answers 500 and 429 for a while.</summary>
public sealed class ApiFailureTests : ApiServerFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task ApiAnswers500And429ForAWhile_RuntimeBacksOffAndStillReconcilesEveryKey(CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, 5).Select(_ => UniqueName()).ToList();
        foreach (var name in names)
        {
            await CreateWidgetAsync(name, cancellationToken);
        }

        Server.Controls.FailNext("list", "*widgets*", 500, count: 2);
        Server.Controls.FailNext("list", "*widgets*", 429, count: 2);
        Server.Controls.FailNext("watch", "*widgets*", 500, count: 2);
        Server.Controls.FailNext("patch", "*widgets*/status", 500, count: 3);
        Server.Controls.FailNext("patch", "*widgets*/status", 429, count: 3);
        await using var runtime = await RuntimeInstance.StartAsync(ClientConfiguration(), "solo", cancellationToken, settings => settings["OperatorRuntime:Namespaces:0"] = Namespace);

        foreach (var name in names)
        {
            await Eventually.UntilAsync(async token => (await GetWidgetAsync(name, token)).Status?.Phase == "Reconciled", cancellationToken);
        }

        var restarts = $"operator_runtime_watch_restarts_total{{controller=\"widget\",namespace=\"{Namespace}\",reason=\"error\"}}";

        // An open watch may be another runtime's on the shared server: wait for this one's to follow its failures.
        await Eventually.UntilAsync(
            async token => Server.Controls.OpenWatches > 0 && Metric.Value(await Metric.ScrapeAsync(runtime.Metrics.Registry, token), restarts) >= 6,
            cancellationToken);
        var exposition = await Metric.ScrapeAsync(runtime.Metrics.Registry, cancellationToken);
        Metric.Value(exposition, restarts).Should().Be(6, "four failed lists and two failed watches were each retried after a backoff");
        Metric.Value(exposition, "controller_runtime_reconcile_errors_total{controller=\"widget\"}").Should().Be(6);
        Metric.Value(exposition, "workqueue_retries_total{name=\"widget\"}").Should().Be(6);
        Server.Controls.Requests.Recent.Count(request => request.Verb == "patch" && request.StatusCode is 500 or 429).Should().Be(6);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ApiAnswers429WithRetryAfter_RuntimeWaitsThatLongBeforeListingAgain(CancellationToken cancellationToken)
    {
        Server.Controls.FailNext("list", "*widgets*", 429, count: 1, retryAfterSeconds: 2);

        await using var runtime = await StartRuntimeAsync("solo", cancellationToken);

        var lists = Server.Controls.Requests.Recent.Where(request => request.Verb == "list" && request.Path.EndsWith("/widgets", StringComparison.Ordinal)).ToList();
        // The watch's two lists; the leader's consistent list at the start of its term comes after them.
        lists.Take(2).Select(request => request.StatusCode).Should().Equal(429, 200);
        (lists[1].Time - lists[0].Time).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
    }
}
