namespace FutReindexOperator.Benchmarks.Measuring;

/// <summary>The counter name of Kubernetes API requests: <c>"{verb} {resource}"</c>, as the API test server counts them.</summary>
public static class ApiRequestKey
{
    /// <summary>The verbs that change objects.</summary>
    public static readonly IReadOnlySet<string> WriteVerbs = new HashSet<string>(StringComparer.Ordinal) { "create", "update", "patch", "delete", "deletecollection" };

    public static string Of(string verb, string resource) => $"{verb} {resource}";

    public static string VerbOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? key : key[..space];
    }

    public static bool IsWrite(string key) => WriteVerbs.Contains(VerbOf(key));
}
