namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>Reads what <c>kubectl apply</c> printed and what the cluster holds afterwards.</summary>
internal static class ApplyResults
{
    /// <summary>
    /// kubectl always sends a PodDisruptionBudget's <c>spec.selector</c> (its patch strategy is <c>replace</c>, so the
    /// computed patch is never empty) and prints "configured" for it on every apply, against a real cluster too.
    /// The server finds nothing to change; <see cref="ResourceVersionsAsync"/> proves that.
    /// </summary>
    public const string AlwaysPatchedKind = "poddisruptionbudget.policy/";

    /// <summary>The lines kubectl printed, one per object: <c>kind.group/name created|unchanged|configured</c>.</summary>
    public static IReadOnlyList<string> Lines(this ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// <c>kind/namespace/name=resourceVersion</c> of every object a manifest (<c>-f file</c>) or kustomization
    /// (<c>-k folder</c>) names, as the cluster holds them now.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ResourceVersionsAsync(
        this TestCluster cluster, CancellationToken cancellationToken, params string[] source)
    {
        var result = await cluster.KubectlAsync(
            cancellationToken,
            ["get", .. source, "-o", """jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}={.metadata.resourceVersion}{"\n"}{end}"""]);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Lines();
    }
}
