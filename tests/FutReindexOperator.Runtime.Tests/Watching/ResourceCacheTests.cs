using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using k8s.Models;

namespace FutReindexOperator.Runtime.Tests.Watching;

public sealed class ResourceCacheTests
{
    private ResourceCache<Widget> _cache = null!;

    [SetUp]
    public void SetUp() => _cache = new ResourceCache<Widget>();

    [Test]
    public void Replace_ObjectMissingFromList_SynthesizesDeleteWithLastState()
    {
        _cache.Upsert(Widget.Create("ns", "gone", "4"));

        var changes = _cache.Replace(null, [Widget.Create("ns", "kept")]);

        changes.Should().ContainSingle(change => change.Kind == ResourceChangeKind.Deleted)
            .Which.Current.Metadata.ResourceVersion.Should().Be("4");
        _cache.TryGetTombstone(new ObjectKey("ns", "gone"), out _).Should().BeTrue();
    }

    [Test]
    public void Replace_OneNamespaceScope_LeavesOtherNamespacesAlone()
    {
        _cache.Upsert(Widget.Create("other", "a"));

        var changes = _cache.Replace("ns", []);

        changes.Should().BeEmpty();
        _cache.TryGet(new ObjectKey("other", "a"), out _).Should().BeTrue();
    }

    [Test]
    public void Replace_UnchangedResourceVersion_ReportsNoChange()
    {
        _cache.Upsert(Widget.Create("ns", "a", "7"));

        _cache.Replace(null, [Widget.Create("ns", "a", "7")]).Should().BeEmpty();
    }

    [Test]
    public void Replace_NewerResourceVersion_ReportsModifiedWithPrevious()
    {
        _cache.Upsert(Widget.Create("ns", "a", "7"));

        var change = _cache.Replace(null, [Widget.Create("ns", "a", "8")]).Should().ContainSingle().Subject;

        change.Kind.Should().Be(ResourceChangeKind.Modified);
        change.Previous!.Metadata.ResourceVersion.Should().Be("7");
    }

    [Test]
    public void Upsert_AfterDelete_DropsTombstone()
    {
        _cache.Remove(Widget.Create("ns", "a"));

        _cache.Upsert(Widget.Create("ns", "a", "9"));

        _cache.TryGetTombstone(new ObjectKey("ns", "a"), out _).Should().BeFalse();
    }

    [Test]
    public void ForgetTombstone_ReplacedByNewerTombstone_KeepsTheNewerOne()
    {
        var first = Widget.Create("ns", "a", "1");
        _cache.Remove(first);
        var second = Widget.Create("ns", "a", "2");
        _cache.Remove(second);

        _cache.ForgetTombstone(new ObjectKey("ns", "a"), first);

        _cache.TryGetTombstone(new ObjectKey("ns", "a"), out var kept).Should().BeTrue();
        kept.Should().BeSameAs(second);
    }

    [Test]
    public void Keys_LiveAndDeletedObjects_ListsBoth()
    {
        _cache.Upsert(Widget.Create("ns", "live"));
        _cache.Remove(Widget.Create("ns", "deleted"));

        _cache.Keys().Should().BeEquivalentTo([new ObjectKey("ns", "live"), new ObjectKey("ns", "deleted")]);
    }

    [Test]
    public void Upsert_ObjectWithManagedFields_StoresItWithout()
    {
        _cache.Upsert(WithManagedFields(Widget.Create("ns", "a")));

        _cache.TryGet(new ObjectKey("ns", "a"), out var cached).Should().BeTrue();
        cached!.Metadata.ManagedFields.Should().BeNull();
    }

    [Test]
    public void Remove_ObjectWithManagedFields_KeepsTheTombstoneWithout()
    {
        _cache.Remove(WithManagedFields(Widget.Create("ns", "a")));

        _cache.TryGetTombstone(new ObjectKey("ns", "a"), out var tombstone).Should().BeTrue();
        tombstone!.Metadata.ManagedFields.Should().BeNull();
    }

    [Test]
    public void ListIndexed_ObjectsWithTheValue_ListsThemOnly()
    {
        var cache = ByNamespace();
        cache.Upsert(Widget.Create("blue", "a"));
        cache.Upsert(Widget.Create("blue", "b"));
        cache.Upsert(Widget.Create("red", "c"));

        cache.ListIndexed("namespace", "blue").Select(widget => widget.Metadata.Name).Should().BeEquivalentTo(["a", "b"]);
    }

    [Test]
    public void ListIndexed_ObjectWhoseValueChanged_MovesToTheNewValue()
    {
        var cache = ByLabel();
        cache.Upsert(Labelled("a", "1", "old"));

        cache.Upsert(Labelled("a", "2", "new"));

        cache.ListIndexed("team", "old").Should().BeEmpty();
        cache.ListIndexed("team", "new").Should().ContainSingle().Which.Metadata.ResourceVersion.Should().Be("2");
    }

    [Test]
    public void ListIndexed_RemovedObject_IsGone()
    {
        var cache = ByNamespace();
        var widget = Widget.Create("blue", "a");
        cache.Upsert(widget);

        cache.Remove(widget);

        cache.ListIndexed("namespace", "blue").Should().BeEmpty();
    }

    [Test]
    public void ListIndexed_ListReplacedWithoutTheObject_IsGone()
    {
        var cache = ByNamespace();
        cache.Upsert(Widget.Create("blue", "a"));

        cache.Replace(null, [Widget.Create("blue", "b")]);

        cache.ListIndexed("namespace", "blue").Select(widget => widget.Metadata.Name).Should().Equal("b");
    }

    [Test]
    public void ListIndexed_UnknownIndex_ThrowsNamingIt()
    {
        var act = () => _cache.ListIndexed("nope", "x");

        act.Should().Throw<ArgumentException>().WithMessage("No cache index is named 'nope'*");
    }

    [Test]
    public void Constructor_TwoIndexesWithOneName_Throws()
    {
        var act = () => new ResourceCache<Widget>([new CacheIndex<Widget>("x", widget => widget.Namespace()), new CacheIndex<Widget>("x", widget => widget.Name())]);

        act.Should().Throw<ArgumentException>().WithMessage("Two cache indexes are named 'x'*");
    }

    private static ResourceCache<Widget> ByNamespace() => new([new CacheIndex<Widget>("namespace", widget => widget.Namespace())]);

    private static ResourceCache<Widget> ByLabel() => new([new CacheIndex<Widget>("team", widget => widget.Metadata.Labels?["team"] ?? "")]);

    private static Widget Labelled(string name, string resourceVersion, string team)
    {
        var widget = Widget.Create("ns", name, resourceVersion);
        widget.Metadata.Labels = new Dictionary<string, string> { ["team"] = team };
        return widget;
    }

    private static Widget WithManagedFields(Widget widget)
    {
        widget.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply", FieldsV1 = new Dictionary<string, object>() }];
        return widget;
    }
}
