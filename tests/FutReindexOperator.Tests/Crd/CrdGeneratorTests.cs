using FutReindexOperator.Crd;
using FutReindexOperator.Model;
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
