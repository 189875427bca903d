namespace FutReindexOperator.Runtime.Watching;

/// <summary>A complete LIST: every object in scope plus the resource version to start watching from.</summary>
public sealed record ResourceList<TResource>(IReadOnlyList<TResource> Items, string ResourceVersion);
