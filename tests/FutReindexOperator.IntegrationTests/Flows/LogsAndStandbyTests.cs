using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.IntegrationTests.Flows;

/// <summary>What the operator process says about itself: logs that tell the truth about leadership, and the JSON format.</summary>
[Category("E2E")]
public sealed partial class LogsAndStandbyTests
{
    private const string Lease = RbacInstall.LeaseName;

    /// <summary>The fields of every JSON entry (README, configuration reference, logging).</summary>
    private static readonly string[] Fields = ["Timestamp", "EventId", "LogLevel", "Category", "Message", "State"];

    [Test]
    [CancelAfter(150_000)]
    public async Task A_standby_replica_reports_an_empty_queue_says_it_waits_for_the_lease_and_claims_no_release(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.StuckIn(ReindexJobState.InProgress));
        await world.CreateJobAsync("followed", OperatorHarness.Spec(), cancellationToken);
        await world.WaitForJobAsync("followed", job => job.Status?.JobId is not null, cancellationToken);
        var standby = await world.StartReplicaAsync("standby", cancellationToken);
        using var http = new HttpClient();
        var metricsAddress = new Uri(await standby.HttpAddress, "metrics");
        var metrics = await Eventually.UntilAsync<string>(
            async token => (string?)await http.GetStringAsync(metricsAddress, token),
            text => text.Contains("fut_reindex_jobs{phase=\"Queued\",target=\"default/organization\"} 1\n", StringComparison.Ordinal)
                || text.Contains("fut_reindex_jobs{phase=\"Running\",target=\"default/organization\"} 1\n", StringComparison.Ordinal),
            cancellationToken,
            OperatorHarness.OperatorReaction,
            TimeSpan.FromMilliseconds(200),
            what: "the standby's cache holds the submitted job");
        var exitCode = await standby.TerminateAsync(cancellationToken);

        Sample(metrics, "workqueue_depth", "name=\"reindexjob\"").Should().Be(0);
        Sample(metrics, "leader_election_master_status", $"name=\"{Lease}\"").Should().Be(0);
        Sample(metrics, "controller_runtime_reconcile_total", "controller=\"reindexjob\",result=\"success\"").Should().Be(0);
        exitCode.Should().Be(0);
        var lines = standby.Output.ToList();
        lines.Should().Contain(line => line.Contains($"Operator ready: caches synced; standby, waiting for lease {Lease}", StringComparison.Ordinal));
        lines.Should().NotContain(line => line.Contains("reconciling", StringComparison.OrdinalIgnoreCase), string.Join('\n', lines));
        lines.Should().NotContain(line => line.Contains("Released lease", StringComparison.Ordinal) || line.Contains("Became leader", StringComparison.Ordinal));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Json_logs_are_one_object_per_line_with_a_UTC_timestamp_and_without_HttpClient_request_lines(CancellationToken cancellationToken)
    {
        await using var world = await OperatorHarness.StartAsync(cancellationToken, settings: new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" });
        world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));

        await world.CreateJobAsync("logged", OperatorHarness.Spec(), cancellationToken);
        await world.WaitForPhaseAsync("logged", ReindexPhase.Succeeded, cancellationToken);
        await world.Operator!.TerminateAsync(cancellationToken);

        var entries = world.OperatorOutput.Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Should().HaveCountGreaterThan(5);
        entries.Where(entry => !IsUtcTimestamp(entry)).Should().BeEmpty("every entry carries an ISO 8601 UTC Timestamp");
        entries.Where(entry => !Fields.All(field => entry.TryGetProperty(field, out var _))).Should().BeEmpty($"every entry carries {string.Join(", ", Fields)}");
        entries.Select(entry => entry.GetProperty("Category").GetString()!).Should().NotContain(category => category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        entries.Select(entry => entry.GetProperty("Message").GetString()!).Should().Contain(message => message.Contains("Operator ready", StringComparison.Ordinal));
        entries.Where(HasReconcileScope).Should().NotBeEmpty("a reconcile's lines carry its scope");
    }

    private static bool HasReconcileScope(JsonElement entry)
        => entry.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("ReconcileId", out var _));

    private static bool IsUtcTimestamp(JsonElement entry)
        => entry.TryGetProperty("Timestamp", out var timestamp) && timestamp.GetString() is { } text && IsoUtc().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var _);

    private static double Sample(string metrics, string family, string labels)
    {
        var match = Regex.Match(metrics, $"^{Regex.Escape(family)}\\{{{Regex.Escape(labels)}\\}} (\\S+)$", RegexOptions.Multiline);
        match.Success.Should().BeTrue($"{family}{{{labels}}} should be exported");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoUtc();
}
