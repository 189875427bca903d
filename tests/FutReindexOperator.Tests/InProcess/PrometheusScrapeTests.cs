using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.Testing.World;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// A real Prometheus scrapes the operator (its host in this process) after a job ran, loads
/// config/prometheus/rules.yaml, and is asked whether every series the alerts and the Grafana dashboard read exists
/// with the labels they match and group by: an alert or panel on a metric the operator does not export (or under
/// another label) fails here, not on call. One world and one Prometheus serve every case of the fixture.
/// </summary>
public sealed partial class PrometheusScrapeTests
{
    private const string DashboardFile = "config/grafana/fut-reindex-operator.json";
    private static readonly TimeSpan SetUpBudget = TimeSpan.FromMinutes(3);

    private InProcessWorld? _world;
    private PrometheusServer? _prometheus;

    private PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("Prometheus did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var budget = new CancellationTokenSource(SetUpBudget);
        _world = await InProcessWorld.StartAsync(budget.Token);
        _prometheus = await PrometheusServer.ScrapeAfterAJobAsync(_world, _world.Operator!.HttpAddress, budget.Token);
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
            .Deserialize<RuleFile>(File.ReadAllText(RepositoryFiles.Combine(PrometheusServer.RulesFile)));
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
