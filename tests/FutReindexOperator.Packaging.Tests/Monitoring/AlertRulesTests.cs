using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Monitoring;

/// <summary>
/// config/prometheus/rules.yaml, the one source of the alerts: valid for promtool, each alert unit-tested by
/// rules.test.yaml (series that fire it and series that do not), copied unchanged into the chart and the
/// PrometheusRule, and linked to its section of docs/runbook.md.
/// </summary>
public sealed partial class AlertRulesTests
{
    private const string Rules = "config/prometheus/rules.yaml";
    private const string RuleTests = "config/prometheus/rules.test.yaml";
    private const string ChartRules = "charts/fut-reindex-operator/files/prometheus-rules.yaml";
    private const string ChartTemplate = "charts/fut-reindex-operator/templates/prometheusrule.yaml";
    private const string Runbook = "docs/runbook.md";

    /// <summary>The alerts the issue asks for, by what they watch.</summary>
    private static readonly string[] ExpectedAlerts =
    [
        "FutReindexJobFailed",
        "FutReindexJobStalled",
        "FutReindexNoReconcileProgress",
        "FutReindexWatchStale",
        "FutReindexCrdMissing",
        "FutReindexReconcileErrorsHigh",
        "FutReindexNoLeader",
        "FutReindexTakeoverUnchecked",
        "FutReindexTakeoverKeysExpired",
    ];

    private static IEnumerable<TestCaseData> AlertCases() =>
        Alerts().Select(alert => new TestCaseData(alert["alert"]!.ToString()).SetArgDisplayNames(alert["alert"]!.ToString()));

    private static IReadOnlyList<JsonObject> Alerts() =>
    [
        .. YamlDocuments.Parse(RepositoryRoot.ReadText(Rules))["groups"]!.AsArray()
            .SelectMany(group => group!["rules"]!.AsArray())
            .Select(rule => rule!.AsObject())
            .Where(rule => rule.ContainsKey("alert")),
    ];

    [Test]
    public void The_rules_hold_the_alerts_the_platform_team_needs()
        => Alerts().Select(alert => alert["alert"]!.ToString()).Should().BeEquivalentTo(ExpectedAlerts);

    [Test]
    [CancelAfter(60_000)]
    public async Task Promtool_check_rules_accepts_the_rules(CancellationToken cancellationToken)
    {
        var result = await PromtoolAsync(["check", "rules", "rules.yaml"], RepositoryRoot.Combine("config/prometheus"), cancellationToken);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"SUCCESS: {Alerts().Count} rules found");
    }

    [TestCaseSource(nameof(AlertCases))]
    [CancelAfter(60_000)]
    public async Task Promtool_unit_tests_of_the_alert_pass(string alert, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("promtool-");
        try
        {
            // rules.test.yaml narrowed to the test groups that evaluate this alert (JSON is YAML to promtool).
            var tests = YamlDocuments.Parse(RepositoryRoot.ReadText(RuleTests));
            tests["rule_files"] = new JsonArray(RepositoryRoot.Combine(Rules));
            tests["tests"] = new JsonArray([.. GroupsTesting(tests, alert).Select(group => group.DeepClone())]);
            var file = Path.Combine(directory.FullName, $"{alert}.test.json");
            await File.WriteAllTextAsync(file, tests.ToJsonString(), cancellationToken);

            var result = await PromtoolAsync(["test", "rules", file], directory.FullName, cancellationToken);

            result.ExitCode.Should().Be(0, result.ToString());
            result.StandardOutput.Should().Contain("SUCCESS");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestCaseSource(nameof(AlertCases))]
    public void The_alert_is_tested_with_series_that_fire_it_and_series_that_do_not(string alert)
    {
        var cases = GroupsTesting(YamlDocuments.Parse(RepositoryRoot.ReadText(RuleTests)), alert)
            .SelectMany(group => group["alert_rule_test"]!.AsArray())
            .Where(test => test!["alertname"]!.ToString() == alert)
            .Select(test => test!["exp_alerts"]?.AsArray().Count ?? 0)
            .ToList();

        cases.Should().Contain(count => count > 0, "some series fire it");
        cases.Should().Contain(0, "some series must not fire it");
    }

    [Test]
    public void The_chart_ships_the_rules_file_byte_for_byte()
        => File.ReadAllBytes(RepositoryRoot.Combine(ChartRules)).Should().Equal(File.ReadAllBytes(RepositoryRoot.Combine(Rules)));

    [Test]
    public void The_config_PrometheusRule_holds_exactly_the_groups_of_the_rules_file()
    {
        var rule = YamlDocuments.Parse(RepositoryRoot.ReadText("config/prometheus/prometheusrule.yaml"));

        rule["kind"]!.ToString().Should().Be("PrometheusRule");
        JsonNode.DeepEquals(rule["spec"]!["groups"], YamlDocuments.Parse(RepositoryRoot.ReadText(Rules))["groups"]).Should().BeTrue();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Config_prometheus_renders_the_PrometheusRule_in_the_operator_namespace(CancellationToken cancellationToken)
    {
        var objects = await Support.Kustomize.RenderAsync("config/prometheus", cancellationToken);

        var rule = objects.Should().ContainSingle().Subject;
        rule["kind"]!.ToString().Should().Be("PrometheusRule");
        rule["metadata"]!["namespace"]!.ToString().Should().Be("fut-reindex-operator");
    }

    [Test]
    public void The_chart_PrometheusRule_is_opt_in_and_inserts_the_rules_file()
    {
        var template = RepositoryRoot.ReadText(ChartTemplate);
        var values = YamlDocuments.Parse(RepositoryRoot.ReadText("charts/fut-reindex-operator/values.yaml"));

        template.Should().StartWith("{{- if .Values.metrics.prometheusRule.enabled }}");
        template.Should().Contain(".Files.Get \"files/prometheus-rules.yaml\"");
        values["metrics"]!["prometheusRule"]!["enabled"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public void The_chart_points_runbook_links_where_the_value_says()
    {
        var template = RepositoryRoot.ReadText(ChartTemplate);
        var defaultUrl = YamlDocuments.Parse(RepositoryRoot.ReadText("charts/fut-reindex-operator/values.yaml"))["metrics"]!["prometheusRule"]!["runbookUrl"]!.ToString();

        template.Should().Contain($"replace \"{defaultUrl}\" .Values.metrics.prometheusRule.runbookUrl");
        Alerts().Should().OnlyContain(alert => alert["annotations"]!["runbook_url"]!.ToString().StartsWith(defaultUrl + "#", StringComparison.Ordinal));
    }

    [TestCaseSource(nameof(AlertCases))]
    public void The_alert_links_its_runbook_section_which_says_what_it_means_what_to_look_at_and_what_to_do(string alert)
    {
        var annotations = Alerts().Single(rule => rule["alert"]!.ToString() == alert)["annotations"]!;
        var section = RunbookSection(alert);

        annotations["runbook_url"]!.ToString().Should().EndWith("#" + alert.ToLowerInvariant(), "GitHub anchors a heading by its lower-cased text");
        annotations["summary"].Should().NotBeNull();
        annotations["description"].Should().NotBeNull();
        section.Should().Contain("**Meaning**").And.Contain("**Look at**").And.Contain("**Do**").And.Contain("kubectl ");
    }

    private static IEnumerable<JsonObject> GroupsTesting(JsonObject tests, string alert) =>
        tests["tests"]!.AsArray()
            .Select(group => group!.AsObject())
            .Where(group => group["alert_rule_test"]!.AsArray().Any(test => test!["alertname"]!.ToString() == alert));

    private static string RunbookSection(string alert)
    {
        var match = Regex.Match(RepositoryRoot.ReadText(Runbook), $@"^## {alert}\n(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        match.Success.Should().BeTrue($"{Runbook} has a section '## {alert}'");
        return match.Groups["body"].Value;
    }

    private static async Task<ProcessResult> PromtoolAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        if (!ExternalCommand.IsInstalled("promtool"))
        {
            Assert.Ignore("promtool is not installed (Debian package prometheus)");
        }

        return await ExternalCommand.RunAsync("promtool", arguments, workingDirectory, cancellationToken);
    }
}
