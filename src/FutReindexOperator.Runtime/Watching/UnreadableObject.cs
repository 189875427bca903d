using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// An object a list or watch delivered that could not be read into the controller's type (a value the schema allows
/// but the model cannot hold, for example). Only its identity was read, from its raw <c>apiVersion</c>, <c>kind</c> and
/// <c>metadata</c>; it is skipped and reported, never allowed to fail the list or the watch of the others.
/// </summary>
/// <param name="ApiVersion">The object's <c>apiVersion</c>.</param>
/// <param name="Kind">The object's <c>kind</c>.</param>
/// <param name="Metadata">The object's metadata (name, namespace, uid, resource version).</param>
/// <param name="Reason">Why it could not be read: the deserializer's message, bounded.</param>
/// <param name="Deleted">Whether the event that delivered it was its deletion.</param>
internal sealed record UnreadableObject(string ApiVersion, string Kind, V1ObjectMeta Metadata, string Reason, bool Deleted = false)
{
    public ObjectKey Key => new(Metadata.NamespaceProperty, Metadata.Name);

    /// <summary>The object as an event's <c>regarding</c>: its identity only.</summary>
    public IKubernetesObject<V1ObjectMeta> AsReference() =>
        new Identity { ApiVersion = ApiVersion, Kind = Kind, Metadata = Metadata };

    private sealed class Identity : IKubernetesObject<V1ObjectMeta>
    {
        public required string ApiVersion { get; set; }

        public required string Kind { get; set; }

        public required V1ObjectMeta Metadata { get; set; }
    }
}
