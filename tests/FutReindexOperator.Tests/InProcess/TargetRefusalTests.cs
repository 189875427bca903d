using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.World;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Tests.InProcess;

public sealed class TargetRefusalTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task A_target_in_another_namespace_and_an_ExternalName_Service_are_refused_with_clear_messages(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        await world.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } }, cancellationToken: cancellationToken);
        await world.CreateServiceAsync(InProcessWorld.Service, cancellationToken, namespaceName: "other");
        await world.CreateServiceAsync("outside", cancellationToken, type: "ExternalName");
        var crossNamespace = InProcessWorld.Spec();
        crossNamespace.Target.Namespace = "other";

        await world.CreateJobAsync("cross-namespace", crossNamespace, cancellationToken);
        await world.CreateJobAsync("external-name", InProcessWorld.Spec("outside"), cancellationToken);
        var refusedNamespace = await world.WaitForPhaseAsync("cross-namespace", ReindexPhase.Stalled, cancellationToken);
        var refusedExternal = await world.WaitForPhaseAsync("external-name", ReindexPhase.Stalled, cancellationToken);

        refusedNamespace.Condition(ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.TargetRefused);
        refusedNamespace.Status!.Message.Should().Contain("target namespace 'other' is not the job's own namespace 'default'").And.Contain("AllowedNamespaces");
        refusedExternal.Condition(ReindexConditions.Stalled).Reason.Should().Be(ConditionReasons.TargetRefused);
        refusedExternal.Status!.Message.Should().Contain("Service default/outside is of type ExternalName");
        (await world.WaitForEventAsync("external-name", EventReasons.TargetRefused, cancellationToken)).Should().Contain(item => item.Type == "Warning");
        world.Simulator.Controls.Requests.Should().BeEmpty();
    }
}
