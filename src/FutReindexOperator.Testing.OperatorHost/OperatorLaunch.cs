using System.Collections.Concurrent;

namespace FutReindexOperator.Testing.OperatorHost;

/// <summary>How to start the operator: its assembly, its environment and where its output goes.</summary>
/// <param name="AssemblyPath">The operator's <c>FutReindexOperator.dll</c>.</param>
/// <param name="Environment">Variables set on top of this process's environment (they win over inherited ones).</param>
public sealed record OperatorLaunch(string AssemblyPath, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Inherited variables the operator must not see (such as <c>KUBECONFIG</c>).</summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<string> RemovedVariables { get; init; } = [];

    /// <summary>A file that receives every output line (overwritten).</summary>
    /// <value>Default: null, no file.</value>
    public string? LogPath { get; init; }

    /// <summary>A queue that receives every output line; may be shared by several processes.</summary>
    /// <value>Default: null, a queue of this process's own.</value>
    public ConcurrentQueue<string>? Output { get; init; }

    /// <summary>The clock that times readiness.</summary>
    /// <value>Default: <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
