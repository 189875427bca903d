using System.Text.RegularExpressions;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Chart;

/// <summary>
/// Each value of the chart's access, naming and scheduling settings lands where Kubernetes reads it, behind the guard
/// that makes it optional, and the guards that stop harmful combinations say what to change. Read from the templates
/// (<see cref="TemplateLayout"/>): there is no helm binary here.
/// </summary>
public sealed partial class ChartValuesTests
{
    private const string Templates = "charts/fut-reindex-operator/templates";

    private static string Template(string name) => RepositoryRoot.ReadText($"{Templates}/{name}");

    private static string Helper(string name)
    {
        var helpers = Template("_helpers.tpl");
        var start = helpers.IndexOf($"{{{{- define \"fut-reindex-operator.{name}\" -}}}}", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"_helpers.tpl defines fut-reindex-operator.{name}");
        var end = helpers.IndexOf("\n{{- end -}}\n\n", start, StringComparison.Ordinal);
        return helpers[start..(end < 0 ? helpers.Length : end)];
    }

    [Test]
    public void priorityClassName_sets_the_pods_priorityClassName_when_given()
    {
        var placement = TemplateLayout.Of(Template("deployment.yaml"), "priorityClassName: {{ . | quote }}");

        placement.Path.Should().Be("spec.template.spec.priorityClassName");
        placement.Guards.Should().Equal("with .Values.priorityClassName");
    }

    [Test]
    public void image_digest_wins_over_the_tag_in_the_container_image()
    {
        var placement = TemplateLayout.Of(Template("deployment.yaml"), "image: {{ include \"fut-reindex-operator.image\" . | quote }}");
        var image = Helper("image");

        placement.Path.Should().Be("spec.template.spec.containers.image");
        image.Should().MatchRegex(@"if \.Values\.image\.digest -}}\s*\{\{- printf ""%s@%s"" \.Values\.image\.repository \.Values\.image\.digest -}}\s*\{\{- else -}}\s*"
            + @"\{\{- printf ""%s:%s"" \.Values\.image\.repository \(\.Values\.image\.tag \| default \.Chart\.AppVersion\)");
    }

    [Test]
    public void serviceAccount_create_guards_the_ServiceAccount_and_its_name_is_the_pods_and_every_bindings()
    {
        var serviceAccount = Template("serviceaccount.yaml");

        TemplateLayout.Of(serviceAccount, "name: {{ include \"fut-reindex-operator.serviceAccountName\" . }}")
            .Should().BeEquivalentTo(new TemplateLayout.Placement("metadata.name", ["if .Values.serviceAccount.create"]), "only a created ServiceAccount is rendered");
        TemplateLayout.Of(Template("deployment.yaml"), "serviceAccountName:").Path.Should().Be("spec.template.spec.serviceAccountName");
        Template("deployment.yaml").Should().Contain("serviceAccountName: {{ include \"fut-reindex-operator.serviceAccountName\" . }}");
        foreach (var binding in new[] { "rbac.yaml", "leader-election-rbac.yaml" })
        {
            SubjectNames().Matches(Template(binding)).Select(match => match.Groups["name"].Value)
                .Should().NotBeEmpty().And.AllBe("{{ include \"fut-reindex-operator.serviceAccountName\" $ }}", binding);
        }
    }

    [Test]
    public void serviceAccount_name_is_used_as_given_or_defaults_to_the_full_name_when_created_and_default_otherwise()
    {
        Helper("serviceAccountName").Should().MatchRegex(
            @"if \.Values\.serviceAccount\.create -}}\s*\{\{- default \(include ""fut-reindex-operator\.fullname"" \.\) \.Values\.serviceAccount\.name -}}\s*"
            + @"\{\{- else -}}\s*\{\{- default ""default"" \.Values\.serviceAccount\.name -}}");
    }

    [Test]
    public void nameOverride_replaces_the_chart_name_in_names_and_in_every_name_label()
    {
        Helper("name").Should().Contain("default .Chart.Name .Values.nameOverride");
        Helper("fullname").Should().Contain("$name := include \"fut-reindex-operator.name\" .");
        var nameLabels = Directory.GetFiles(RepositoryRoot.Combine(Templates)).SelectMany(File.ReadAllLines)
            .Where(line => line.Contains("app.kubernetes.io/name:", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();

        nameLabels.Should().NotBeEmpty().And.AllBe("app.kubernetes.io/name: {{ include \"fut-reindex-operator.name\" . }}");
    }

    [Test]
    public void fullnameOverride_replaces_the_whole_name_before_any_other_rule()
    {
        Helper("fullname").Should().MatchRegex(@"^\{\{- define ""fut-reindex-operator\.fullname"" -}}\s*\{\{- if \.Values\.fullnameOverride -}}\s*\{\{- \.Values\.fullnameOverride \| trunc 63");
    }

    [Test]
    public void Every_object_is_named_from_the_full_name()
    {
        var names = Directory.GetFiles(RepositoryRoot.Combine(Templates), "*.yaml").SelectMany(File.ReadAllLines)
            .Where(line => line.StartsWith("  name: ", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();

        names.Should().NotBeEmpty().And.OnlyContain(name =>
            name.Contains("fut-reindex-operator.fullname", StringComparison.Ordinal) || name.Contains("$fullname", StringComparison.Ordinal)
            || name.Contains("fut-reindex-operator.serviceAccountName", StringComparison.Ordinal));
    }

    [Test]
    public void Two_replicas_without_leader_election_fail_rendering_with_what_to_change()
    {
        var validate = Helper("validate");

        Template("deployment.yaml").Should().StartWith("{{- include \"fut-reindex-operator.validate\" . }}");
        validate.Should().MatchRegex(@"if and \(gt \(int \.Values\.replicaCount\) 1\) \(not \.Values\.leaderElection\.enabled\) -}}\s*\{\{- fail ");
        validate.Should().Contain("Set leaderElection.enabled=true, or replicaCount=1.");
    }

    [Test]
    public void The_PodDisruptionBudget_is_rendered_only_for_two_or_more_replicas()
    {
        var placement = TemplateLayout.Of(Template("poddisruptionbudget.yaml"), "minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}");

        placement.Path.Should().Be("spec.minAvailable");
        placement.Guards.Should().Equal("if and .Values.podDisruptionBudget.enabled (gt (int .Values.replicaCount) 1)");
    }

    [Test]
    public void A_PodDisruptionBudget_that_could_never_allow_an_eviction_fails_rendering()
    {
        Helper("validate").Should().Contain("(ge (int .Values.podDisruptionBudget.minAvailable) (int .Values.replicaCount))")
            .And.Contain("Set podDisruptionBudget.minAvailable below replicaCount.");
    }

    [Test]
    public void rbac_aggregateToDefaultRoles_folds_ReindexJob_access_into_view_edit_and_admin()
    {
        var roles = Template("aggregate-roles.yaml");

        TemplateLayout.Of(roles, "rbac.authorization.k8s.io/aggregate-to-view: \"true\"")
            .Should().BeEquivalentTo(new TemplateLayout.Placement("metadata.labels.rbac.authorization.k8s.io/aggregate-to-view", ["if .Values.rbac.aggregateToDefaultRoles"]));
        TemplateLayout.Of(roles, "rbac.authorization.k8s.io/aggregate-to-{{ ternary \"edit\" \"admin\" (eq $role \"editor\") }}: \"true\"").Guards
            .Should().Equal("if .Values.rbac.aggregateToDefaultRoles", "range $role := list \"editor\" \"admin\"");
    }

    [Test]
    public void networkPolicy_admits_only_the_monitoring_namespaces_to_the_metrics_port_when_enabled()
    {
        var policy = Template("networkpolicy.yaml");

        var namespaces = TemplateLayout.Of(policy, "{{- toYaml .Values.networkPolicy.monitoringNamespaces | nindent 18 }}");
        var key = TemplateLayout.Of(policy, "- key: kubernetes.io/metadata.name");
        var port = TemplateLayout.Of(policy, "port: http-metrics");

        key.Path.Should().Be("spec.ingress.from.namespaceSelector.matchExpressions.key");
        key.Guards.Should().Equal("if .Values.networkPolicy.enabled");
        namespaces.Guards.Should().Equal("if .Values.networkPolicy.enabled");
        policy.Should().Contain("operator: In\n                values:\n                  {{- toYaml .Values.networkPolicy.monitoringNamespaces | nindent 18 }}");
        port.Path.Should().Be("spec.ingress.ports.port");
    }

    [GeneratedRegex(@"- kind: ServiceAccount\n\s+name: (?<name>.+)\n")]
    private static partial Regex SubjectNames();
}
