namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// A secondary index of a controller's cache, as client-go's indexers: the cached objects grouped by a value computed
/// from each (say, the service a job targets), so that a reconcile reads its few related objects without scanning all.
/// Register one with <c>services.AddSingleton(new CacheIndex&lt;T&gt;(...))</c> before the controller starts; read it
/// through <see cref="IResourceCache{TResource}.ListIndexed"/>.
/// </summary>
/// <param name="Name">Names the index in <see cref="IResourceCache{TResource}.ListIndexed"/>.</param>
/// <param name="ValueOf">The object's value in this index; must be a pure function of the object.</param>
public sealed record CacheIndex<TResource>(string Name, Func<TResource, string> ValueOf);
