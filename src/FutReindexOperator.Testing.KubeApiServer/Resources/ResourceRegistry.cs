namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>
/// The resources currently served: the built-ins plus those of every established CRD.
/// Readers see immutable snapshots; CRD writes replace them.
/// </summary>
public sealed class ResourceRegistry
{
    private volatile IReadOnlyList<ResourceDefinition> _all = BuiltInResources.All;
    private readonly Dictionary<string, IReadOnlyList<ResourceDefinition>> _byCrd = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<ResourceDefinition> All => _all;

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _all.FirstOrDefault(d => d.Group == group && d.Version == version && d.Plural == plural);

    public IEnumerable<string> GroupVersions(string group) =>
        _all.Where(d => d.Group == group).Select(d => d.Version).Distinct();

    /// <summary>Serves (or replaces) the resources of the CRD named <paramref name="crdName"/>.</summary>
    public void SetCustomResources(string crdName, IReadOnlyList<ResourceDefinition> definitions)
    {
        lock (_gate)
        {
            _byCrd[crdName] = definitions;
            Rebuild();
        }
    }

    public void RemoveCustomResources(string crdName)
    {
        lock (_gate)
        {
            if (!_byCrd.Remove(crdName))
            {
                return;
            }

            Rebuild();
        }
    }

    private void Rebuild() => _all = [.. BuiltInResources.All, .. _byCrd.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)];
}
