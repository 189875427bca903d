using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;

namespace FutReindexOperator.Runtime.Tests.Reconciling;

public sealed class ChangeFilterTests
{
    private const string RunToken = "example.org/run-token";
    private readonly ChangeFilter _filter = new([RunToken]);

    [Test]
    public void Matters_StatusOnlyUpdate_IsSkipped()
    {
        var before = Widget.Create("ns", "a", "1");
        var after = Widget.Create("ns", "a", "2");
        after.Status = new WidgetStatus { Phase = "Running" };

        _filter.Matters(Modified(before, after)).Should().BeFalse();
    }

    [Test]
    public void Matters_GenerationChanged_Counts() =>
        _filter.Matters(Modified(Widget.Create("ns", "a", "1", generation: 1), Widget.Create("ns", "a", "2", generation: 2))).Should().BeTrue();

    [Test]
    public void Matters_MarkedForDeletion_Counts()
    {
        var after = Widget.Create("ns", "a", "2");
        after.Metadata.DeletionTimestamp = DateTime.UtcNow;

        _filter.Matters(Modified(Widget.Create("ns", "a", "1"), after)).Should().BeTrue();
    }

    [Test]
    public void Matters_DeclaredAnnotationChanged_Counts()
    {
        var after = Widget.Create("ns", "a", "2");
        after.Metadata.Annotations = new Dictionary<string, string> { [RunToken] = "2" };

        _filter.Matters(Modified(Widget.Create("ns", "a", "1"), after)).Should().BeTrue();
    }

    [Test]
    public void Matters_UndeclaredAnnotationChanged_IsSkipped()
    {
        var after = Widget.Create("ns", "a", "2");
        after.Metadata.Annotations = new Dictionary<string, string> { ["other"] = "x" };

        _filter.Matters(Modified(Widget.Create("ns", "a", "1"), after)).Should().BeFalse();
    }

    [Test]
    public void Matters_FinalizersChanged_Counts()
    {
        var after = Widget.Create("ns", "a", "2");
        after.Metadata.Finalizers = ["example.org/cleanup"];

        _filter.Matters(Modified(Widget.Create("ns", "a", "1"), after)).Should().BeTrue();
    }

    // By name: the kinds are internal to the runtime, and a test method's parameters must be public.
    [TestCase(nameof(ResourceChangeKind.Added))]
    [TestCase(nameof(ResourceChangeKind.Deleted))]
    public void Matters_AddOrDelete_Counts(string kind) =>
        _filter.Matters(new ResourceChange<Widget>(Enum.Parse<ResourceChangeKind>(kind), new ObjectKey("ns", "a"), null, Widget.Create("ns", "a"))).Should().BeTrue();

    [Test]
    public void ChangesStatus_StatusEdited_IsTrue()
    {
        var after = Widget.Create("ns", "a", "2");
        after.Status = new WidgetStatus { Phase = "Running" };

        ChangeFilter.ChangesStatus(Modified(Widget.Create("ns", "a", "1"), after)).Should().BeTrue();
    }

    [Test]
    public void ChangesStatus_OnlyLabelsChanged_IsFalse()
    {
        var after = Widget.Create("ns", "a", "2");
        after.Metadata.Labels = new Dictionary<string, string> { ["team"] = "fhir" };

        ChangeFilter.ChangesStatus(Modified(Widget.Create("ns", "a", "1"), after)).Should().BeFalse();
    }

    [Test]
    public void ChangesStatus_Added_IsFalse() =>
        ChangeFilter.ChangesStatus(new ResourceChange<Widget>(ResourceChangeKind.Added, new ObjectKey("ns", "a"), null, Widget.Create("ns", "a"))).Should().BeFalse();

    private static ResourceChange<Widget> Modified(Widget before, Widget after) =>
        new(ResourceChangeKind.Modified, new ObjectKey("ns", "a"), before, after);
}
