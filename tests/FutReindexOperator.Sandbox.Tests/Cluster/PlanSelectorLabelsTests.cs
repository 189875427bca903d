using FutReindexOperator.Sandbox.Cluster;
using FutReindexOperator.Sandbox.Tests.Support;

namespace FutReindexOperator.Sandbox.Tests.Cluster;

public sealed class PlanSelectorLabelsTests
{
    [Test]
    public void Of_ThePlanSample_IsTheLabelItSelects()
    {
        PlanSelectorLabels.Of(SampleManifests.OfKind("ReindexPlan")).Should().Equal(new Dictionary<string, string> { ["fhir.fut.dk/reindex"] = "true" });
    }

    [Test]
    public void Of_APlanOfNamedServices_AddsNoLabel()
    {
        var plan = ManifestReader.ReadAll("kind: ReindexPlan\nmetadata:\n  name: two\nspec:\n  targets:\n    services: [task, plan]\n").Single();

        PlanSelectorLabels.Of([plan]).Should().BeEmpty();
    }

    [Test]
    public void Of_TwoPlansWantingDifferentValues_NamesTheKey()
    {
        var plans = ManifestReader.ReadAll(
            "kind: ReindexPlan\nmetadata:\n  name: a\nspec:\n  targets:\n    selector:\n      matchLabels:\n        tier: gold\n---\n"
            + "kind: ReindexPlan\nmetadata:\n  name: b\nspec:\n  targets:\n    selector:\n      matchLabels:\n        tier: silver\n");

        FluentActions.Invoking(() => PlanSelectorLabels.Of(plans)).Should().Throw<InvalidDataException>()
            .WithMessage("ReindexPlan b: spec.targets.selector.matchLabels.tier is 'silver', another plan sample selects 'gold'*");
    }
}
