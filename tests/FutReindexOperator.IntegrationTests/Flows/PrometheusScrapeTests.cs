using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.IntegrationTests.Support;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.World;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FutReindexOperator.IntegrationTests.Flows;

/// <summary>
/// A real Prometheus scrapes the operator process after a job ran, loads config/prometheus/rules.yaml, and is asked
/// whether every series the alerts and the Grafana dashboard read exists with the labels they match and group by: an
/// alert or panel on a metric the operator does not export (or under another label) fails here, not on call.
/// </summary>
[Category("E2E")]
public sealed partial class PrometheusScrapeTests
{
    private const string RulesFile = "config/prometheus/rules.yaml";
    private const string DashboardFile = "config/grafana/fut-reindex-operator.json";
    private static readonly TimeSpan SetUpBudget = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    private OperatorHarness? _world;
    private PrometheusServer? _prometheus;

    private PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("Prometheus did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var budget = new CancellationTokenSource(SetUpBudget);
        var cancellationToken = budget.Token;
        _world = await OperatorHarness.StartAsync(cancellationToken);
        _world.Simulator.Controls.SetServiceScript(OperatorHarness.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 2)]));
        await _world.CreateJobAsync("scraped-job", OperatorHarness.Spec(), cancellationToken);
        await _world.WaitForPhaseAsync("scraped-job", ReindexPhase.Succeeded, cancellationToken);

        _prometheus = await PrometheusServer.StartAsync(_world.OperatorHttpAddress(), [RepositoryFiles.Combine(RulesFile)], cancellationToken);
        // The job's success is in the cache before Prometheus starts: once this series is there, a scrape saw it all.
        await _prometheus.WaitForSeriesAsync("fut_reindex_last_success_timestamp_seconds", ScrapeWait, cancellationToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Prometheus_scrapes_the_operator_process(CancellationToken cancellationToken)
    {
        var up = await Prometheus.QueryAsync($"up{{job=\"{PrometheusServer.Job}\"}}", cancellationToken);

        up.Should().ContainSingle().Which!["value"]![1]!.ToString().Should().Be("1", Prometheus.Output);
    }

    [TestCaseSource(nameof(AlertCases))]
    [CancelAfter(30_000)]
    public async Task Every_series_the_alert_reads_exists_with_the_labels_it_matches_and_groups_by(string alert, string expression, CancellationToken cancellationToken)
    {
        var missing = await MissingAsync(expression, cancellationToken);

        missing.Should().BeEmpty($"alert {alert} reads them");
    }

    [TestCaseSource(nameof(DashboardCases))]
    [CancelAfter(30_000)]
    public async Task Every_series_the_dashboard_query_reads_exists_with_the_labels_it_matches_and_groups_by(string panel, string expression, CancellationToken cancellationToken)
    {
        var missing = await MissingAsync(expression, cancellationToken);

        missing.Should().BeEmpty($"the dashboard's '{panel}' reads them");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Prometheus_loads_every_alert_and_evaluates_it_without_error(CancellationToken cancellationToken)
    {
        var alerts = AlertCases().Select(testCase => testCase.Arguments[0]!.ToString()).ToList();

        var rules = await Testing.Conditions.Eventually.UntilAsync(
            async token => (await Prometheus.RuleGroupsAsync(token)).SelectMany(group => group!["rules"]!.AsArray()).Select(rule => rule!.AsObject()).ToList(),
            rules => rules.Count == alerts.Count && rules.All(rule => rule["lastEvaluation"]!.ToString() != "0001-01-01T00:00:00Z"),
            cancellationToken,
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(500),
            what: "Prometheus evaluated every rule");

        rules.Select(rule => rule["name"]!.ToString()).Should().BeEquivalentTo(alerts);
        rules.Should().OnlyContain(rule => rule["health"]!.ToString() == "ok", string.Join('\n', rules.Select(rule => rule.ToJsonString())));
    }

    private static IEnumerable<TestCaseData> AlertCases() =>
        YamlRules().Select(rule => new TestCaseData(rule.Alert, rule.Expression).SetArgDisplayNames(rule.Alert));

    private static IEnumerable<TestCaseData> DashboardCases()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Combine(DashboardFile)))!;
        var panels = dashboard["panels"]!.AsArray().SelectMany(panel => (panel!["panels"]?.AsArray() ?? []).Prepend(panel));
        foreach (var panel in panels.Where(panel => panel!["targets"] is not null))
        {
            foreach (var target in panel!["targets"]!.AsArray())
            {
                var title = $"{panel["title"]} {target!["refId"]}";
                yield return new TestCaseData(title, target["expr"]!.ToString()).SetArgDisplayNames(title);
            }
        }

        foreach (var variable in dashboard["templating"]!["list"]!.AsArray().Where(variable => variable!["type"]!.ToString() == "query"))
        {
            var match = LabelValues().Match(variable!["query"]!["query"]!.ToString());
            var title = $"variable ${variable["name"]}";
            yield return new TestCaseData(title, $"group by ({match.Groups["label"].Value}) ({match.Groups["selector"].Value})").SetArgDisplayNames(title);
        }
    }

    /// <summary>The alerts' names and expressions, read from the rule file.</summary>
    private static IEnumerable<(string Alert, string Expression)> YamlRules()
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<RuleFile>(File.ReadAllText(RepositoryFiles.Combine(RulesFile)));
        return file.Groups.SelectMany(group => group.Rules).Where(rule => rule.Alert is not null).Select(rule => (rule.Alert!, rule.Expr));
    }

    /// <summary>
    /// The selectors of <paramref name="expression"/> that match no scraped series, and the labels it groups by that
    /// none of its series carries. Grafana variables stand for any value (<c>$job</c> becomes <c>.+</c>), intervals
    /// for a minute.
    /// </summary>
    private async Task<IReadOnlyList<string>> MissingAsync(string expression, CancellationToken cancellationToken)
    {
        var concrete = GrafanaVariable().Replace(GrafanaInterval().Replace(expression, "1m"), ".+");
        var reads = PromQlSelectors.Read(concrete);
        reads.Selectors.Should().NotBeEmpty($"'{expression}' reads some series");
        var missing = new List<string>();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selector in reads.Selectors)
        {
            var series = await Prometheus.SeriesAsync(selector.ToString(), cancellationToken);
            if (series.Count == 0)
            {
                missing.Add($"no series {selector}");
            }

            labels.UnionWith(series.SelectMany(labelSet => labelSet.Select(label => label.Key)));
        }

        missing.AddRange(reads.GroupingLabels.Where(label => !labels.Contains(label)).Select(label => $"no series carries the label '{label}' it groups by"));
        return missing;
    }

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\$__(rate_interval|interval|range)")]
    private static partial Regex GrafanaInterval();

    [GeneratedRegex(@"\$\{?[A-Za-z_]\w*\}?")]
    private static partial Regex GrafanaVariable();

    private sealed class RuleFile
    {
        public List<RuleGroup> Groups { get; set; } = [];
    }

    private sealed class RuleGroup
    {
        public List<Rule> Rules { get; set; } = [];
    }

    private sealed class Rule
    {
        public string? Alert { get; set; }

        public string Expr { get; set; } = "";
    }
}
