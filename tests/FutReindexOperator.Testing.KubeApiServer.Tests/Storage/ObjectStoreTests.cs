using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Storage;
using Microsoft.Extensions.Time.Testing;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Storage;

public sealed class ObjectStoreTests
{
    private const string Key = "things.example.com";

    private static JsonObject Thing(string name) => new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" } };

    private static ObjectStore NewStore(FakeTimeProvider time, int historyWindow = 100) => new(historyWindow, TimeSpan.FromSeconds(10), time);

    [Test]
    public void Put_EachWrite_NextGlobalResourceVersion()
    {
        using var store = NewStore(new FakeTimeProvider());

        var first = store.Write(tx => tx.Put(Key, Thing("a")));
        var second = store.Write(tx => tx.Put("other", Thing("b")));

        first.ResourceVersion.Should().Be(1);
        second.ResourceVersion.Should().Be(2);
        second.ToNode()["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("2");
    }

    [Test]
    public void Subscribe_FromAResourceVersion_ReplaysLaterChangesOfThatResource()
    {
        using var store = NewStore(new FakeTimeProvider());
        store.Write(tx => tx.Put(Key, Thing("a")));
        store.Write(tx => tx.Put("other", Thing("x")));
        store.Write(tx => tx.Put(Key, Thing("b")));

        var subscription = store.Subscribe(Key, null, _ => true, bookmarks: false, after: 1);

        subscription.Events.TryRead(out var replayed).Should().BeTrue();
        replayed!.Item!.Name.Should().Be("b");
        subscription.Events.TryRead(out _).Should().BeFalse();
    }

    [Test]
    public void Subscribe_OlderThanTheHistoryWindow_Gone()
    {
        using var store = NewStore(new FakeTimeProvider(), historyWindow: 2);
        for (var i = 0; i < 5; i++)
        {
            store.Write(tx => tx.Put(Key, Thing($"t{i}")));
        }

        var subscribe = () => store.Subscribe(Key, null, _ => true, bookmarks: false, after: 1);

        subscribe.Should().Throw<ApiException>().Where(e => e.Code == 410 && e.Message == "too old resource version: 1 (3)");
    }

    [Test]
    public void Bookmarks_WhenTheIntervalPasses_SentToWatchesThatAllowThem()
    {
        var time = new FakeTimeProvider();
        using var store = NewStore(time);
        store.Write(tx => tx.Put(Key, Thing("a")));
        var withBookmarks = store.Subscribe(Key, null, _ => true, bookmarks: true, after: 1);
        var without = store.Subscribe(Key, null, _ => true, bookmarks: false, after: 1);

        time.Advance(TimeSpan.FromSeconds(10));

        withBookmarks.Events.TryRead(out var bookmark).Should().BeTrue();
        bookmark!.Type.Should().Be(WatchEventType.Bookmark);
        bookmark.ResourceVersion.Should().Be(1);
        without.Events.TryRead(out _).Should().BeFalse();
    }

    [Test]
    public void Remove_Object_DeletedEventAtTheNextResourceVersion()
    {
        using var store = NewStore(new FakeTimeProvider());
        store.Write(tx => tx.Put(Key, Thing("a")));
        var subscription = store.Subscribe(Key, "ns", _ => true, bookmarks: false, after: 1);

        store.Write(tx => tx.Remove(Key, Thing("a")));

        subscription.Events.TryRead(out var deleted).Should().BeTrue();
        (deleted!.Type, deleted.ResourceVersion).Should().Be((WatchEventType.Deleted, 2L));
        store.Get(Key, "ns", "a").Should().BeNull();
    }
}
