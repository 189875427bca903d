using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.ArgoCd;

/// <summary>
/// config/argocd/health.lua, run under lua5.1 by config/argocd/run_tests.lua against the cases of health_test.yaml
/// (Argo CD's own layout), and the argocd-cm snippet that installs it.
/// </summary>
public sealed partial class HealthCheckTests
{
    private const string Folder = "config/argocd";

    private static IEnumerable<TestCaseData> Cases() =>
        HealthTestCases().Select(testCase => new TestCaseData(testCase["inputPath"]!.ToString())
            .SetArgDisplayNames(testCase["inputPath"]!.ToString()));

    private static IReadOnlyList<JsonObject> HealthTestCases() =>
    [
        .. YamlDocuments.Parse(RepositoryRoot.ReadText($"{Folder}/health_test.yaml"))["tests"]!.AsArray()
            .Select(testCase => testCase!.AsObject()),
    ];

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(60_000)]
    public async Task Health_lua_returns_the_expected_status_and_message(string inputPath, CancellationToken cancellationToken)
    {
        if (!ExternalCommand.IsInstalled("lua5.1"))
        {
            Assert.Ignore("lua5.1 is not installed");
        }

        var result = await ExternalCommand.RunAsync(
            "lua5.1", ["run_tests.lua", inputPath], RepositoryRoot.Combine(Folder), cancellationToken);

        result.StandardOutput.Should().Contain($"ok {inputPath}\n").And.Contain("1 passed, 0 failed", result.ToString());
        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Test]
    public void Every_phase_of_the_CRD_has_a_test_object_named_after_it_in_that_phase()
    {
        var crd = YamlDocuments.Parse(RepositoryRoot.ReadText("config/crd/fhir.fut.dk_reindexjobs.yaml"));
        var phases = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!["properties"]!["phase"]!["enum"].Strings();
        var inputs = HealthTestCases().Select(testCase => testCase["inputPath"]!.ToString()).ToList();

        phases.Should().NotBeEmpty();
        foreach (var phase in phases)
        {
            var inputPath = $"testdata/{phase.ToLowerInvariant()}.yaml";
            inputs.Should().Contain(inputPath, $"phase {phase} needs a case");
            var manifest = YamlDocuments.Parse(RepositoryRoot.ReadText($"{Folder}/{inputPath}"));
            manifest["status"]!["phase"]!.ToString().Should().Be(phase);
        }
    }

    [Test]
    public void Every_test_object_is_used_by_a_case()
    {
        var inputs = HealthTestCases().Select(testCase => testCase["inputPath"]!.ToString());
        var files = Directory.GetFiles(RepositoryRoot.Combine($"{Folder}/testdata"), "*.yaml")
            .Select(file => $"testdata/{Path.GetFileName(file)}");

        inputs.Should().BeEquivalentTo(files);
    }

    [Test]
    public void Health_lua_names_no_standard_library()
    {
        var code = string.Join('\n', RepositoryRoot.ReadText($"{Folder}/health.lua").Split('\n').Select(line => line.Split("--")[0]));

        LibraryUse().Matches(code).Select(match => match.Value).Should().BeEmpty(
            "argocd-cm scripts run without the string, math, io and os libraries unless useOpenLibs is set");
        MethodCall().Matches(code).Select(match => match.Value).Should().BeEmpty("without the string library, strings have no methods");
    }

    [TestCase("ReindexJob")]
    [TestCase("ReindexPlan")]
    public void The_argocd_cm_snippet_installs_health_lua_verbatim_for(string kind)
    {
        var configMap = YamlDocuments.Parse(RepositoryRoot.ReadText($"{Folder}/argocd-cm.yaml"));

        configMap["metadata"]!["name"]!.ToString().Should().Be("argocd-cm");
        configMap["data"]!["resource.customizations.health.fhir.fut.dk_" + kind]!.ToString()
            .Should().Be(RepositoryRoot.ReadText($"{Folder}/health.lua"));
    }

    [GeneratedRegex(@"\b(string|math|io|os|debug)\s*\.")]
    private static partial Regex LibraryUse();

    [GeneratedRegex(@"[\w\)\]""']:\s*[a-z]\w*\s*\(")]
    private static partial Regex MethodCall();
}
