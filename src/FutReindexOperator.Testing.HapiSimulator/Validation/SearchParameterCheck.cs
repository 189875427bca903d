using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Validation;

/// <summary>
/// HAPI checks search parameters of <c>$reindex</c> URLs only when the job runs (protocol section 5.1): a URL naming
/// a parameter the resource type lacks makes the accepted job fail. Known parameters are R4's, from Hl7.Fhir.R4.
/// </summary>
public static class SearchParameterCheck
{
    private static readonly HashSet<(string Resource, string Name)> Known =
        [.. ModelInfo.SearchParameters.Where(parameter => parameter.Resource is not null && parameter.Name is not null).Select(parameter => (parameter.Resource!, parameter.Name!))];

    /// <summary>The job's error for the first unknown search parameter of <paramref name="urls"/>, or null when all are known.</summary>
    public static string? FirstUnknown(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls)
        {
            var question = url.IndexOf('?', StringComparison.Ordinal);
            var resourceType = url[..question];
            foreach (var pair in url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Uri.UnescapeDataString(pair.Split('=')[0]);
                var name = key.Split(':', '.')[0];
                if (name.Length > 0 && !name.StartsWith('_') && !Known.Contains((resourceType, name)))
                {
                    return $"HAPI-0488: Failed to parse match URL[{url}] - Resource type {resourceType} does not have a parameter with name: {name}";
                }
            }
        }

        return null;
    }
}
