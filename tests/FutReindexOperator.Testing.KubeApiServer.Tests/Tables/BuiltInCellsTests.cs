using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tables;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Tables;

public sealed class BuiltInCellsTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Text(JsonNode? cell) => cell!.GetValue<string>();

    [Test]
    public void DeploymentReady_WithoutStatusOrReplicas_ShowsNoneReadyOfTheDefaultOne() =>
        Text(BuiltInCells.DeploymentReady(Parse("""{"spec":{}}"""))).Should().Be("0/1");

    [Test]
    public void DeploymentReady_WithStatus_ShowsReadyOfDesired() =>
        Text(BuiltInCells.DeploymentReady(Parse("""{"spec":{"replicas":3},"status":{"readyReplicas":2}}"""))).Should().Be("2/3");

    [Test]
    public void StatusCount_WhenUnset_IsZero() =>
        BuiltInCells.StatusCount("updatedReplicas")(Parse("{}"))!.GetValue<long>().Should().Be(0);

    [Test]
    public void Containers_OfAPodTemplate_AreJoinedWithCommas() =>
        Text(BuiltInCells.Containers("image")(Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:1"},{"name":"b","image":"y:2"}]}}}}""")))
            .Should().Be("x:1,y:2");

    [Test]
    public void Selector_WithLabelsAndExpressions_IsPrintedAsALabelSelectorWithSortedKeys() =>
        Text(BuiltInCells.Selector(Parse("""
            {"spec":{"selector":{"matchLabels":{"z":"1","a":"2"},"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]},{"key":"old","operator":"DoesNotExist"}]}}}
            """))).Should().Be("a=2,z=1,tier in (api,web),!old");

    [Test]
    public void SpecValueOrNotApplicable_WhenUnset_IsNA() =>
        Text(BuiltInCells.SpecValueOrNotApplicable("maxUnavailable")(Parse("""{"spec":{"minAvailable":"50%"}}"""))).Should().Be("N/A");

    [Test]
    public void SpecValueOrNotApplicable_WithAPercentage_ShowsIt() =>
        Text(BuiltInCells.SpecValueOrNotApplicable("minAvailable")(Parse("""{"spec":{"minAvailable":"50%"}}"""))).Should().Be("50%");

    [Test]
    public void RoleReference_IsKindSlashName() =>
        Text(BuiltInCells.RoleReference(Parse("""{"roleRef":{"kind":"ClusterRole","name":"view"}}"""))).Should().Be("ClusterRole/view");

    [Test]
    public void Subjects_OfServiceAccounts_AreNamespaceSlashName()
    {
        var binding = Parse("""
            {"subjects":[{"kind":"ServiceAccount","namespace":"ops","name":"bot"},{"kind":"User","name":"jane"},{"kind":"ServiceAccount","namespace":"dev","name":"ci"}]}
            """);

        Text(BuiltInCells.Subjects("ServiceAccount")(binding)).Should().Be("ops/bot, dev/ci");
        Text(BuiltInCells.Subjects("User")(binding)).Should().Be("jane");
        Text(BuiltInCells.Subjects("Group")(binding)).Should().BeEmpty();
    }
}
