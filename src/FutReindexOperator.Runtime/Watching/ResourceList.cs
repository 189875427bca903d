namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// A complete LIST: every object in scope that could be read, the resource version to start watching from, and the
/// objects that could not be read (skipped: they never fail the list of the others).
/// </summary>
internal sealed record ResourceList<TResource>(IReadOnlyList<TResource> Items, string ResourceVersion)
{
    public IReadOnlyList<UnreadableObject> Unreadable { get; init; } = [];
}
