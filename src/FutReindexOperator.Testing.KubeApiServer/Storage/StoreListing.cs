namespace FutReindexOperator.Testing.KubeApiServer.Storage;

/// <summary>One page of a list.</summary>
/// <param name="Items">The objects of this page, in key order.</param>
/// <param name="HasMore">Whether more matching objects follow the last item.</param>
/// <param name="ResourceVersion">The list's resource version (the first page's, for continued lists).</param>
public sealed record StoreListing(IReadOnlyList<StoredObject> Items, bool HasMore, long ResourceVersion);
