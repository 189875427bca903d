using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Monitoring;

/// <summary>
/// The Grafana dashboard (config/grafana/fut-reindex-operator.json, copied unchanged into the chart): well formed for
/// Grafana, shipped in a ConfigMap with the sidecar's label by config/grafana and, opt-in, by the chart. That its
/// queries name only metrics that exist is checked against a real scrape (tests/FutReindexOperator.Tests,
/// InProcess/PrometheusScrapeTests).
/// </summary>
public sealed class DashboardTests
{
    private const string Dashboard = "config/grafana/fut-reindex-operator.json";
    private const string ChartDashboard = "charts/fut-reindex-operator/files/dashboard.json";
    private const string ChartTemplate = "charts/fut-reindex-operator/templates/dashboard-configmap.yaml";

    private static JsonObject Parse() => JsonNode.Parse(RepositoryRoot.ReadText(Dashboard))!.AsObject();

    private static IReadOnlyList<JsonObject> Panels() =>
        [.. Parse()["panels"]!.AsArray().Select(panel => panel!.AsObject())];

    [Test]
    public void Every_panel_has_a_unique_id_a_title_and_a_Prometheus_query_on_the_chosen_data_source()
    {
        var panels = Panels().Where(panel => panel["type"]!.ToString() != "row").ToList();

        panels.Should().HaveCountGreaterThan(10);
        Panels().Select(panel => panel["id"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        panels.Should().OnlyContain(panel => !string.IsNullOrWhiteSpace(panel["title"]!.ToString()));
        panels.Should().OnlyContain(panel => panel["targets"]!.AsArray().Count > 0
            && panel["targets"]!.AsArray().All(target => !string.IsNullOrWhiteSpace(target!["expr"]!.ToString())));
        panels.Should().OnlyContain(panel => panel["datasource"]!["uid"]!.ToString() == "${datasource}");
    }

    [Test]
    public void Panels_do_not_overlap_on_the_grid()
    {
        var cells = new HashSet<(int X, int Y)>();
        foreach (var position in Panels().Select(panel => panel["gridPos"]!))
        {
            var (x, y, w, h) = (position["x"]!.GetValue<int>(), position["y"]!.GetValue<int>(), position["w"]!.GetValue<int>(), position["h"]!.GetValue<int>());
            (x + w).Should().BeLessThanOrEqualTo(24);
            for (var column = x; column < x + w; column++)
            {
                for (var row = y; row < y + h; row++)
                {
                    cells.Add((column, row)).Should().BeTrue($"cell ({column},{row}) belongs to one panel only");
                }
            }
        }
    }

    [Test]
    public void The_dashboard_has_a_stable_uid_and_chooses_its_data_source_job_and_target()
    {
        var dashboard = Parse();

        dashboard["uid"]!.ToString().Should().Be("fut-reindex-operator");
        dashboard["templating"]!["list"]!.AsArray().Select(variable => variable!["name"]!.ToString()).Should().Equal("datasource", "job", "target");
    }

    [Test]
    public void The_chart_ships_the_dashboard_byte_for_byte()
        => File.ReadAllBytes(RepositoryRoot.Combine(ChartDashboard)).Should().Equal(File.ReadAllBytes(RepositoryRoot.Combine(Dashboard)));

    [Test]
    [CancelAfter(60_000)]
    public async Task Config_grafana_renders_a_ConfigMap_with_the_sidecar_label_holding_the_dashboard(CancellationToken cancellationToken)
    {
        var objects = await Support.Kustomize.RenderAsync("config/grafana", cancellationToken);

        var configMap = objects.Should().ContainSingle().Subject;
        configMap["kind"]!.ToString().Should().Be("ConfigMap");
        configMap["metadata"]!["labels"]!["grafana_dashboard"]!.ToString().Should().Be("1");
        JsonNode.DeepEquals(JsonNode.Parse(configMap["data"]!["fut-reindex-operator.json"]!.ToString()), Parse()).Should().BeTrue();
    }

    [Test]
    public void The_chart_dashboard_is_opt_in_and_labelled_for_the_sidecar()
    {
        var template = RepositoryRoot.ReadText(ChartTemplate);
        var dashboard = YamlDocuments.Parse(RepositoryRoot.ReadText("charts/fut-reindex-operator/values.yaml"))["metrics"]!["dashboard"]!;

        template.Should().StartWith("{{- if .Values.metrics.dashboard.enabled }}");
        template.Should().Contain(".Files.Get \"files/dashboard.json\"").And.Contain("toYaml . | nindent 4");
        dashboard["enabled"]!.GetValue<bool>().Should().BeFalse();
        dashboard["labels"]!["grafana_dashboard"]!.ToString().Should().Be("1");
    }
}
