using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Packaging.Tests.Support;
using Json.Schema;

namespace FutReindexOperator.Packaging.Tests.Chart;

/// <summary>
/// charts/fut-reindex-operator/values.schema.json, which Helm checks every install and upgrade against: the chart's own
/// values pass, every value is declared, and a wrong value is refused at its path.
/// </summary>
public sealed class ValuesSchemaTests
{
    private const string Chart = "charts/fut-reindex-operator";

    private static JsonSchema Schema() => JsonSchema.FromText(RepositoryRoot.ReadText($"{Chart}/values.schema.json"));

    private static JsonObject Values() => YamlDocuments.Parse(RepositoryRoot.ReadText($"{Chart}/values.yaml"));

    private static EvaluationResults Evaluate(JsonNode values) =>
        Schema().Evaluate(JsonDocument.Parse(values.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static IEnumerable<string> FailedLocations(EvaluationResults results) =>
        (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 }).Select(detail => detail.InstanceLocation.ToString());

    [Test]
    public void The_charts_own_values_pass_the_schema()
    {
        var results = Evaluate(Values());

        results.IsValid.Should().BeTrue(string.Join("; ", FailedLocations(results)));
    }

    [Test]
    public void The_schema_refuses_values_the_chart_does_not_have()
    {
        var values = Values();
        values["replicas"] = 2;

        Evaluate(values).IsValid.Should().BeFalse("a misspelt value would otherwise be ignored silently");
    }

    [Test]
    public void Every_value_of_values_yaml_is_declared_in_the_schema()
    {
        var schema = JsonNode.Parse(RepositoryRoot.ReadText($"{Chart}/values.schema.json"))!.AsObject();

        var undeclared = Paths(Values(), "").Where(path => Declaration(schema, path) is null).ToList();

        undeclared.Should().BeEmpty();
    }

    /// <summary>A wrong value of each kind, and the path the schema must name.</summary>
    private static IEnumerable<TestCaseData> WrongValues()
    {
        yield return Case("replicaCount", JsonValue.Create("two"));
        yield return Case("replicaCount", JsonValue.Create(-1));
        yield return Case("nameOverride", JsonValue.Create("Fut_Operator"));
        yield return Case("fullnameOverride", JsonValue.Create(new string('a', 64)));
        yield return Case("image.repository", JsonValue.Create(""));
        yield return Case("image.digest", JsonValue.Create("latest"));
        yield return Case("image.pullPolicy", JsonValue.Create("Sometimes"));
        yield return Case("imagePullSecrets", new JsonArray("regcred"), "imagePullSecrets.0");
        yield return Case("leaderElection.enabled", JsonValue.Create("yes"));
        yield return Case("leaderElection.leaseDuration", JsonValue.Create("15s"));
        yield return Case("watchNamespaces", new JsonArray("FHIR"), "watchNamespaces.0");
        yield return Case("targets.externalTargets", new JsonArray(new JsonObject { ["namespace"] = "fut" }), "targets.externalTargets.0");
        yield return Case("targets.externalTargets", new JsonArray(new JsonObject { ["namespace"] = "fut", ["service"] = "organization", ["baseUrl"] = "organization.example" }), "targets.externalTargets.0.baseUrl");
        yield return Case("auth.allowedTokenEndpoints", new JsonArray("https://keycloak.example/auth/realms"), "auth.allowedTokenEndpoints.0");
        yield return Case("reindex.maxRunningPerTarget", JsonValue.Create(0));
        yield return Case("reindex.maxRunningPerTarget", JsonValue.Create(101));
        yield return Case("polling.firstInterval", JsonValue.Create("30s"));
        yield return Case("extraEnv", new JsonArray(new JsonObject { ["value"] = "1" }), "extraEnv.0");
        yield return Case("serviceAccount.create", JsonValue.Create("true"));
        yield return Case("serviceAccount.name", JsonValue.Create("Operator Account"));
        yield return Case("serviceAccount.annotations", new JsonObject { ["a"] = 1 }, "serviceAccount.annotations.a");
        yield return Case("priorityClassName", JsonValue.Create("High Priority"));
        yield return Case("rbac.aggregateToDefaultRoles", JsonValue.Create(1));
        yield return Case("networkPolicy.enabled", JsonValue.Create("on"));
        yield return Case("networkPolicy.monitoringNamespaces", new JsonArray());
        yield return Case("networkPolicy.monitoringNamespaces", JsonValue.Create("monitoring"));
        yield return Case("resources.limits", JsonValue.Create("500m"));
        yield return Case("podSecurityContext", new JsonArray());
        yield return Case("containerSecurityContext", JsonValue.Create(true));
        yield return Case("istio.inject", JsonValue.Create("true"));
        yield return Case("istio.holdApplicationUntilProxyStarts", JsonValue.Create(0));
        yield return Case("metrics.port", JsonValue.Create(70000));
        yield return Case("metrics.service.enabled", JsonValue.Create("no"));
        yield return Case("metrics.serviceMonitor.enabled", JsonValue.Create("no"));
        yield return Case("metrics.serviceMonitor.interval", JsonValue.Create("30 seconds"));
        yield return Case("metrics.serviceMonitor.labels", new JsonObject { ["release"] = true }, "metrics.serviceMonitor.labels.release");
        yield return Case("podDisruptionBudget.enabled", JsonValue.Create("true"));
        yield return Case("podDisruptionBudget.minAvailable", JsonValue.Create("half"));
        yield return Case("podAnnotations", new JsonObject { ["a"] = new JsonArray() }, "podAnnotations.a");
        yield return Case("podLabels", new JsonArray());
        yield return Case("nodeSelector", JsonValue.Create("kubernetes.io/os=linux"));
        yield return Case("tolerations", new JsonObject());
        yield return Case("affinity", new JsonArray());
    }

    [TestCaseSource(nameof(WrongValues))]
    public void A_wrong_value_is_refused_at_its_path(string path, JsonNode wrong, string reportedAt)
    {
        var values = Values();
        Set(values, path, wrong);

        var results = Evaluate(values);

        results.IsValid.Should().BeFalse();
        FailedLocations(results).Should().Contain("/" + reportedAt.Replace('.', '/'));
    }

    private static TestCaseData Case(string path, JsonNode wrong, string? reportedAt = null) =>
        new TestCaseData(path, wrong, reportedAt ?? path).SetArgDisplayNames(path, wrong.ToJsonString());

    private static void Set(JsonObject values, string path, JsonNode value)
    {
        var keys = path.Split('.');
        var parent = keys[..^1].Aggregate(values, (node, key) => node[key]!.AsObject());
        parent[keys[^1]] = value;
    }

    /// <summary>Every value's path: leaves, and empty maps or lists (their entries are the user's).</summary>
    private static IEnumerable<string> Paths(JsonObject values, string prefix) =>
        values.SelectMany(entry =>
        {
            var path = prefix.Length == 0 ? entry.Key : $"{prefix}.{entry.Key}";
            return entry.Value is JsonObject { Count: > 0 } map ? Paths(map, path) : [path];
        });

    /// <summary>The schema of a value path, following "properties" and local "$ref"s; null when undeclared.</summary>
    private static JsonObject? Declaration(JsonObject root, string path)
    {
        var schema = root;
        foreach (var key in path.Split('.'))
        {
            schema = Resolve(root, schema);
            if (schema["properties"] is null && schema["additionalProperties"] is null && schema["type"]?.ToString() == "object")
            {
                // A free-form object (a securityContext, affinity): Kubernetes validates what is inside.
                return schema;
            }

            if (schema["properties"]?[key] is JsonObject property)
            {
                schema = property;
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                schema = additional;
            }
            else
            {
                return null;
            }
        }

        return schema;
    }

    private static JsonObject Resolve(JsonObject root, JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? reference["#/".Length..].Split('/').Aggregate(root, (node, key) => node[key]!.AsObject())
            : schema;
}
