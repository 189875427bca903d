using FutReindexOperator.Crd;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.KubeApiServer.Hosting;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Tests.Crd;

public sealed class CrdGeneratorTests
{
    [Test]
    public void GenerateYaml_CommittedCrd_MatchesTheTypes()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, CrdGenerator.CrdPath));

        committed.Should().Be(
            CrdGenerator.GenerateYaml(),
            "the C# types are the source of truth; from the repository root run: {0}",
            CrdGenerator.RegenerateCommand);
    }

    [Test]
    public void GenerateYaml_Output_EndsWithExactlyOneNewline()
    {
        var yaml = CrdGenerator.GenerateYaml();

        yaml.Should().EndWith("\n").And.NotEndWith("\n\n");
    }

    [Test]
    public void GenerateYaml_Output_LoadsBackAsTheSameDefinition()
    {
        var loaded = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(CrdGenerator.GenerateYaml());

        loaded.Metadata.Name.Should().Be("reindexjobs.fhir.fut.dk");
        loaded.Spec.Names.ShortNames.Should().Equal("rj");
        loaded.Spec.Names.Categories.Should().Equal("fut");
        loaded.Spec.Scope.Should().Be("Namespaced");
        loaded.Spec.Versions.Should().ContainSingle().Which.Subresources.Status.Should().NotBeNull();
    }

    [Test]
    public void Build_PrinterColumns_ShowTargetPhaseStartedFinishedAgeMessageAndWideJobIdAndUrls()
    {
        var columns = CrdGenerator.Build().Spec.Versions[0].AdditionalPrinterColumns;

        columns.Select(column => (column.Name, column.Priority ?? 0)).Should().Equal(
            ("Target", 0), ("Phase", 0), ("Started", 0), ("Finished", 0), ("Age", 0), ("Message", 0), ("Job ID", 1), ("URLs", 1));
    }

    [Test]
    public void Build_StartedAndFinishedColumns_AreDatesOfTheStatusTimes()
    {
        var columns = CrdGenerator.Build().Spec.Versions[0].AdditionalPrinterColumns;

        columns.Where(column => column.Name is "Started" or "Finished").Select(column => (column.Name, column.Type, column.JsonPath))
            .Should().Equal(("Started", "date", ".status.startTime"), ("Finished", "date", ".status.completionTime"));
    }

    [Test]
    public void Build_Spec_CarriesTheImmutabilityRule()
    {
        var spec = Spec();

        spec.XKubernetesValidations.Should().ContainSingle().Which.Rule.Should().Be("self == oldSelf");
    }

    [Test]
    public void Build_EveryField_HasADescription()
    {
        var root = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema;

        var undescribed = Walk("", root)
            .Where(field => !field.Path.EndsWith(".metadata", StringComparison.Ordinal) && string.IsNullOrWhiteSpace(field.Schema.Description))
            .Select(field => field.Path);

        undescribed.Should().BeEmpty();
    }

    [Test]
    public void Build_EveryField_IsTypedAsAStructuralSchemaRequires()
    {
        var root = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema;

        Walk("", root).Where(field => string.IsNullOrEmpty(field.Schema.Type)).Select(field => field.Path).Should().BeEmpty();
        Walk("", root).Where(field => field.Schema.OneOf is not null)
            .SelectMany(field => field.Schema.OneOf)
            .Should().OnlyContain(choice => choice.Type == null && choice.Description == null && choice.DefaultProperty == null);
    }

    [Test]
    public void Build_Urls_CarryHapisPatternAndBounds()
    {
        var urls = Spec().Properties["urls"];

        urls.MaxItems.Should().Be(ReindexJobSpec.MaxUrls);
        var items = (V1JSONSchemaProps)urls.Items;
        items.Pattern.Should().Be(ReindexJobSpec.UrlPattern);
        items.MaxLength.Should().Be(ReindexJobSpec.MaxUrlLength);
        urls.Description.Should().Contain("EVERY RESOURCE OF EVERY TYPE");
    }

    [Test]
    public void Build_BatchSize_IsBoundedOneToFiveHundred()
    {
        var batchSize = Spec().Properties["batchSize"];

        (batchSize.Minimum, batchSize.Maximum).Should().Be((1d, 500d));
    }

    [Test]
    public void Build_TargetDefaults_AreHttpAndSlashFhir()
    {
        var target = Spec().Properties["target"];

        target.Properties["scheme"].DefaultProperty.Should().Be("http");
        target.Properties["basePath"].DefaultProperty.Should().Be("/fhir");
        target.Required.Should().Equal("service");
    }

    [Test]
    public void Build_Auth_RequiresExactlyOneMode()
    {
        var auth = Spec().Properties["auth"];

        auth.OneOf.Select(choice => choice.Required.Single()).Should().Equal("bearerToken", "oauth2", "none");
    }

    [Test]
    public void Build_Conditions_AreAListMapKeyedByType()
    {
        var conditions = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"].Properties["conditions"];

        conditions.XKubernetesListType.Should().Be("map");
        conditions.XKubernetesListMapKeys.Should().Equal("type");
    }

    [Test]
    public void Build_Status_CarriesTheRulesThatKeepARunsJobIdAndMarker()
    {
        var status = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"];

        status.XKubernetesValidations.Select(rule => (rule.Rule, rule.Message)).Should().Equal(
            (RunRecordRules.JobIdKept, RunRecordRules.JobIdKeptMessage),
            (RunRecordRules.MarkerKept, RunRecordRules.MarkerKeptMessage),
            (RunRecordRules.RunKeptWhileUnderWay, RunRecordRules.RunKeptWhileUnderWayMessage),
            (RunRecordRules.EndKept, RunRecordRules.EndKeptMessage));
        status.XKubernetesValidations.Should().OnlyContain(rule => rule.Rule.Contains("oldSelf", StringComparison.Ordinal), "each is a transition rule");
    }

    [Test]
    public void Build_Root_RefusesRemovingAStatusThatHoldsARun()
    {
        var root = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema;

        root.XKubernetesValidations.Should().ContainSingle().Which.Rule.Should().Be(RunRecordRules.StatusKept);
    }

    [TestCase(RunRecordRules.JobIdKeptMessage, "status.jobId")]
    [TestCase(RunRecordRules.MarkerKeptMessage, "status.submission")]
    [TestCase(RunRecordRules.RunKeptWhileUnderWayMessage, "status.lastHandledRerun")]
    [TestCase(RunRecordRules.EndKeptMessage, "status.phase")]
    [TestCase(RunRecordRules.StatusKeptMessage, "status ")]
    public void Build_StatusRuleMessages_NameTheFieldAndTheRerunAnnotation(string message, string field)
    {
        message.Should().StartWith(field).And.Contain($"Set the annotation {ReindexJob.RerunAnnotation} to a new value");
    }

    [Test]
    public void Build_RunKeptWhileUnderWay_LetsARunGoInTheEndedAndStalledPhasesTheRerunAbandons()
    {
        var listed = Enum.GetValues<ReindexPhase>().Where(phase => RunRecordRules.RunKeptWhileUnderWay.Contains($"'{phase}'", StringComparison.Ordinal));

        listed.Should().BeEquivalentTo(Enum.GetValues<ReindexPhase>().Where(phase => phase.IsTerminal() || phase == ReindexPhase.Stalled));
    }

    [Test]
    public void Build_EndKept_ListsExactlyTheEndedPhases()
    {
        var listed = Enum.GetValues<ReindexPhase>().Where(phase => RunRecordRules.EndKept.Contains($"'{phase}'", StringComparison.Ordinal));

        listed.Should().BeEquivalentTo(Enum.GetValues<ReindexPhase>().Where(phase => phase.IsTerminal()));
    }

    [Test]
    public void Build_StatusRules_CompareOnlyStringsTheSchemaBounds()
    {
        // kube-apiserver estimates a rule's cost from the schema: a string compared without maxLength is costed at the
        // request size limit. The rules compare lastHandledRerun and jobId (bounded), the phase and state (enums).
        var status = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"];

        status.Properties["lastHandledRerun"].MaxLength.Should().Be(RerunTokens.MaxRecordedLength);
        status.Properties["jobId"].MaxLength.Should().Be(FutReindexOperator.Fhir.PollPaths.MaxJobIdLength);
        status.Properties["phase"].EnumProperty.Should().NotBeEmpty();
        status.Properties["submission"].Properties["state"].EnumProperty.Should().NotBeEmpty();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Build_PassesTheApiServersCrdChecks_AndItsRulesCompile(CancellationToken cancellationToken)
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiServerOptions { Port = 0 }, cancellationToken);
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(server.Kubeconfig))));

        var created = await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(
            KubernetesYaml.Deserialize<V1CustomResourceDefinition>(CrdGenerator.GenerateYaml()), cancellationToken: cancellationToken);

        created.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"].XKubernetesValidations.Should().HaveCount(4);
    }

    private static V1JSONSchemaProps Spec() => CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];

    private static IEnumerable<(string Path, V1JSONSchemaProps Schema)> Walk(string path, V1JSONSchemaProps schema)
    {
        foreach (var (name, child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            var childPath = $"{path}.{name}";
            yield return (childPath, child);
            foreach (var nested in Walk(childPath, child))
            {
                yield return nested;
            }

            if (child.Items is V1JSONSchemaProps items)
            {
                foreach (var nested in Walk(childPath + "[]", items))
                {
                    yield return nested;
                }
            }
        }
    }
}
