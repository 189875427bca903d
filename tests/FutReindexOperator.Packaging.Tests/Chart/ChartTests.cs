using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Chart;

/// <summary>
/// charts/fut-reindex-operator, checked without a helm binary: its CRD is config/crd's, every value is used, every
/// used value exists, and its templates grant and configure what config/ does.
/// </summary>
public sealed partial class ChartTests
{
    private const string Chart = "charts/fut-reindex-operator";

    private static IReadOnlyList<string> Templates() =>
    [
        .. Directory.GetFiles(RepositoryRoot.Combine($"{Chart}/templates")).Order().Select(File.ReadAllText),
    ];

    private static HashSet<string> ValueReferences() =>
        Templates().SelectMany(template => ValueReference().Matches(template)).Select(match => match.Groups["path"].Value).ToHashSet();

    [Test]
    public void The_chart_CRD_is_config_crd_byte_for_byte()
    {
        var chartCrds = Directory.GetFiles(RepositoryRoot.Combine($"{Chart}/crds")).Select(Path.GetFileName);
        chartCrds.Should().BeEquivalentTo("fhir.fut.dk_reindexjobs.yaml", "fhir.fut.dk_reindexplans.yaml");

        foreach (var crd in chartCrds)
        {
            File.ReadAllBytes(RepositoryRoot.Combine($"{Chart}/crds/{crd}"))
                .Should().Equal(File.ReadAllBytes(RepositoryRoot.Combine($"config/crd/{crd}")));
        }
    }

    [Test]
    public void Every_value_is_used_by_a_template()
    {
        var references = ValueReferences();
        var values = YamlDocuments.Parse(RepositoryRoot.ReadText($"{Chart}/values.yaml"));

        // A value counts as used when a template names it or a map containing it (passed whole to toYaml).
        var unused = LeafPaths(values, "").Where(path => !references.Any(reference => path == reference || path.StartsWith(reference + ".", StringComparison.Ordinal))).ToList();

        unused.Should().BeEmpty();
    }

    [Test]
    public void Every_value_a_template_uses_is_declared_in_values_yaml()
    {
        var values = YamlDocuments.Parse(RepositoryRoot.ReadText($"{Chart}/values.yaml"));

        var undeclared = ValueReferences().Where(reference => Lookup(values, reference) is null).ToList();

        undeclared.Should().BeEmpty();
    }

    [Test]
    public void The_chart_grants_the_same_rules_as_config_rbac()
    {
        var helpers = RepositoryRoot.ReadText($"{Chart}/templates/_helpers.tpl");
        var rulesBlock = RulesDefinition().Match(helpers);
        rulesBlock.Success.Should().BeTrue("_helpers.tpl defines fut-reindex-operator.rules");

        var chartRules = RbacRule.Of(new JsonObject { ["rules"] = YamlDocuments.ParseAll(WrapAsMap(rulesBlock.Groups["rules"].Value)).Single()["rules"]!.DeepClone() });

        chartRules.Should().BeEquivalentTo(RbacRule.Of(YamlDocuments.Parse(RepositoryRoot.ReadText("config/rbac/cluster/role.yaml"))));
    }

    [Test]
    public void The_chart_Deployment_sets_every_environment_variable_config_manager_sets()
    {
        var deployment = YamlDocuments.Parse(RepositoryRoot.ReadText("config/manager/deployment.yaml"));
        var configVariables = deployment.Container("manager")["env"]!.AsArray().Select(variable => variable!["name"]!.ToString());
        var chartVariables = EnvironmentName().Matches(RepositoryRoot.ReadText($"{Chart}/templates/deployment.yaml"))
            .Select(match => match.Groups["name"].Value);

        chartVariables.Should().Contain(configVariables);
    }

    [Test]
    public void The_chart_defaults_match_config_manager_resources_and_security()
    {
        var values = YamlDocuments.Parse(RepositoryRoot.ReadText($"{Chart}/values.yaml"));
        var deployment = YamlDocuments.Parse(RepositoryRoot.ReadText("config/manager/deployment.yaml"));
        var manager = deployment.Container("manager");

        values["replicaCount"]!.ToJsonString().Should().Be(deployment["spec"]!["replicas"]!.ToJsonString());
        values["resources"]!.ToJsonString().Should().Be(manager["resources"]!.ToJsonString());
        values["podSecurityContext"]!.ToJsonString().Should().Be(deployment.PodSpec()["securityContext"]!.ToJsonString());
        values["containerSecurityContext"]!.ToJsonString().Should().Be(manager["securityContext"]!.ToJsonString());
    }

    private static string WrapAsMap(string sequence) =>
        "rules:\n" + string.Join('\n', sequence.Split('\n').Select(line => "  " + line));

    private static IEnumerable<string> LeafPaths(JsonNode node, string prefix)
    {
        if (node is JsonObject map && map.Count > 0)
        {
            return map.SelectMany(entry => entry.Value is null
                ? [Join(prefix, entry.Key)]
                : LeafPaths(entry.Value, Join(prefix, entry.Key)));
        }

        return [prefix];
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    private static JsonNode? Lookup(JsonObject values, string path)
    {
        JsonNode? node = values;
        foreach (var key in path.Split('.'))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out var child))
            {
                return null;
            }

            // A declared value may be null in YAML; stand in for it so it still counts as declared.
            node = child ?? JsonValue.Create("");
        }

        return node;
    }

    [GeneratedRegex(@"\$?\.Values\.(?<path>[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValueReference();

    [GeneratedRegex(@"define ""fut-reindex-operator\.rules"" -}}\n(?<rules>.*?)\n\{\{- end -}}", RegexOptions.Singleline)]
    private static partial Regex RulesDefinition();

    [GeneratedRegex(@"- name: (?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex EnvironmentName();
}
