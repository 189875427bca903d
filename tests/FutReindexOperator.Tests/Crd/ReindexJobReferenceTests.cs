using FutReindexOperator.Crd;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Crd;

public sealed class ReindexJobReferenceTests
{
    /// <summary>
    /// The drift test, and the generator: with UPDATE_REFERENCE=1 it writes docs/reference/reindexjob.md first,
    /// otherwise it fails on any difference and names the command that regenerates the file.
    /// </summary>
    [Test]
    public void Generate_CommittedReference_MatchesTheTypes()
    {
        var path = Path.Combine(RepositoryRoot.Path, ReindexJobReference.ReferencePath);
        var generated = ReindexJobReference.Generate();
        if (Environment.GetEnvironmentVariable(ReindexJobReference.UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        var committed = File.Exists(path) ? File.ReadAllText(path) : "";

        committed.Should().Be(
            generated,
            "the reference is generated from the C# types; from the repository root run: {0}",
            ReindexJobReference.RegenerateCommand);
    }

    /// <summary>The drift test of docs/reference/reindexplan.md, written as the job's is.</summary>
    [Test]
    public void GeneratePlan_CommittedReference_MatchesTheTypes()
    {
        var path = Path.Combine(RepositoryRoot.Path, ReindexJobReference.PlanReferencePath);
        var generated = ReindexJobReference.GeneratePlan();
        if (Environment.GetEnvironmentVariable(ReindexJobReference.UpdateVariable) == "1")
        {
            File.WriteAllText(path, generated);
        }

        var committed = File.Exists(path) ? File.ReadAllText(path) : "";

        committed.Should().Be(generated, "the reference is generated from the C# types; from the repository root run: {0}", ReindexJobReference.RegenerateCommand);
    }

    [Test]
    public void GeneratePlan_TemplateFieldsAndTheChildrenTable_HaveRows()
    {
        var reference = ReindexJobReference.GeneratePlan();

        reference.Should().Contain("| `spec.template.urls` |").And.Contain("| `spec.maxConcurrentTargets` | integer (int32) | `3` |")
            .And.Contain("| `status.children[].jobId` |").And.NotContain("| `spec.template.target.service` |");
    }

    [Test]
    public void Generate_EverySpecAndStatusField_HasARow()
    {
        var root = CrdGenerator.Build().Spec.Versions[0].Schema.OpenAPIV3Schema;
        var reference = ReindexJobReference.Generate();

        var fields = root.Properties["spec"].Properties.Keys.Select(name => $"spec.{name}")
            .Concat(root.Properties["status"].Properties.Keys.Select(name => $"status.{name}"))
            .Append("spec.target.service")
            .Append("spec.auth.oauth2.grant")
            .Append("status.conditions[].reason");

        fields.Should().OnlyContain(field => reference.Contains($"| `{field}` |", StringComparison.Ordinal));
    }

    [Test]
    public void Generate_Defaults_BoundsAndEnums_AreShown()
    {
        var reference = ReindexJobReference.Generate();

        reference.Should().Contain("| `spec.polling.jitterPercent` | integer (int32) | `20` |")
            .And.Contain("minimum 1; maximum 500")
            .And.Contain("one of `Resubmit`, `RequireConfirmation`");
    }

    [Test]
    public void Generate_PollingDurations_HaveNoSchemaDefaultAndNameTheOperatorsKey()
    {
        var reference = ReindexJobReference.Generate();

        reference.Should().Contain("| `spec.polling.deadline` | string |  |")
            .And.Contain("Absent: the operator's default (Reindex:Polling:Deadline, 72h unless configured).");
    }

    [Test]
    public void Generate_Patterns_HaveTheirPipesEscapedForMarkdownTables()
    {
        var reference = ReindexJobReference.Generate();

        reference.Should().Contain(@"`^(_ALL\|-?[0-9]{1,10})$`");
    }

    [Test]
    public void Generate_Phases_ListEveryPhaseWithItsConditions()
    {
        var reference = ReindexJobReference.Generate();

        Enum.GetValues<ReindexPhase>().Should().OnlyContain(phase => reference.Contains($"\n| {phase} |", StringComparison.Ordinal));
        reference.Should().Contain("| Succeeded | yes | True |  |  | True |  |")
            .And.Contain("| Untrackable | yes |  |  | True |  | True |");
    }

    [Test]
    public void Generate_Output_EndsWithExactlyOneNewline() =>
        ReindexJobReference.Generate().Should().EndWith("\n").And.NotEndWith("\n\n");
}
