namespace FutReindexOperator.Model;

/// <summary>HAPI's <c>optimizeStorage</c> codes <c>NONE</c>, <c>CURRENT_VERSION</c> and <c>ALL_VERSIONS</c>.</summary>
public enum OptimizeStorageMode
{
    None,
    CurrentVersion,
    AllVersions,
}
