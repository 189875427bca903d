using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using k8s.Models;

namespace FutReindexOperator.Runtime.Tests.Hosting;

public sealed class OwnerWakeTests
{
    private static readonly ResourceType Owner = new("example.org", "v1", "gadgets", "Gadget", Namespaced: true);
    private List<ObjectKey> _woken = null!;

    private OwnerWake<Widget> Wake => new(Owner, _woken.Add);

    [SetUp]
    public void SetUp() => _woken = [];

    [Test]
    public void Observe_ChildWithAControllerOwnerOfTheKind_WakesThatOwnerInTheChildsNamespace()
    {
        var child = Child(Reference("parent", controller: true));

        Wake.Observe(new ResourceChange<Widget>(ResourceChangeKind.Modified, new ObjectKey("ns", "a"), child, child));

        _woken.Should().Equal(new ObjectKey("ns", "parent"));
    }

    [Test]
    public void Observe_NonControllerOrOtherKindOwner_WakesNobody()
    {
        var child = Child(Reference("parent", controller: false), Reference("other", controller: true, kind: "Other"));

        Wake.Observe(new ResourceChange<Widget>(ResourceChangeKind.Added, new ObjectKey("ns", "a"), null, child));

        _woken.Should().BeEmpty();
    }

    [Test]
    public void Observe_OwnerChangedOnTheChild_WakesTheOldAndTheNewOwner()
    {
        var before = Child(Reference("old", controller: true));
        var after = Child(Reference("new", controller: true));

        Wake.Observe(new ResourceChange<Widget>(ResourceChangeKind.Modified, new ObjectKey("ns", "a"), before, after));

        _woken.Should().BeEquivalentTo([new ObjectKey("ns", "new"), new ObjectKey("ns", "old")]);
    }

    private static Widget Child(params V1OwnerReference[] owners)
    {
        var child = Widget.Create("ns", "a");
        child.Metadata.OwnerReferences = owners;
        return child;
    }

    private static V1OwnerReference Reference(string name, bool controller, string kind = "Gadget")
        => new() { ApiVersion = Owner.ApiVersion, Kind = kind, Name = name, Uid = $"uid-{name}", Controller = controller };
}
