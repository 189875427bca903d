using System.Text.RegularExpressions;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Configuration;

/// <summary>
/// Every environment variable the packaged Deployments set is one the operator binds (or a well-known runtime
/// variable): a misspelt or mis-sectioned key would otherwise be ignored silently and the default would apply.
/// </summary>
public sealed partial class DeploymentEnvironmentTests
{
    [TestCase("config/default")]
    [TestCase("config/namespaced")]
    [CancelAfter(60_000)]
    public async Task The_rendered_Deployment_sets_only_variables_the_operator_binds(string folder, CancellationToken cancellationToken)
    {
        var objects = await Support.Kustomize.RenderAsync(folder, cancellationToken);
        var names = objects.Single("Deployment").Container("manager")["env"]!.AsArray().Select(variable => variable!["name"]!.ToString()).ToList();

        names.Should().NotBeEmpty();
        names.Where(name => !OperatorConfigurationKeys.IsAllowed(name)).Should().BeEmpty("the operator binds {0}", string.Join(", ", OperatorConfigurationKeys.Bound.Order()));
    }

    [Test]
    public void The_chart_templates_set_only_variables_the_operator_binds()
    {
        var names = Directory.GetFiles(RepositoryRoot.Combine("charts/fut-reindex-operator/templates"), "*.yaml")
            .SelectMany(template => EnvironmentVariable().Matches(File.ReadAllText(template)))
            .Select(match => TemplateExpression().Replace(match.Groups["name"].Value, "0"))
            .ToList();

        names.Should().Contain("Reindex__MaxRunningPerTarget");
        names.Where(name => !OperatorConfigurationKeys.IsAllowed(name)).Should().BeEmpty("the operator binds {0}", string.Join(", ", OperatorConfigurationKeys.Bound.Order()));
    }

    /// <summary>An env entry: a name followed by its value or valueFrom (ports, volumes and containers have other keys).</summary>
    [GeneratedRegex(@"- name: (?<name>[^\r\n]+?)\r?\n\s+value(From)?:")]
    private static partial Regex EnvironmentVariable();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex TemplateExpression();
}
