using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Validation;

/// <summary>
/// Validates <c>$reindex</c> parameters as HAPI 8.6 does (protocol sections 1.2 and 5.1): enum values first
/// (HAPI-1769), then partition ids (HAPI-2820), then the job parameters (HAPI-2039 listing every problem).
/// </summary>
public sealed partial class ReindexRequestValidator(IEnumerable<string> supportedResourceTypes)
{
    private const int MaxBatchSize = 500;

    private static readonly string[] ReindexSearchParameterValues = ["ALL", "NONE"];
    private static readonly string[] OptimizeStorageValues = ["NONE", "CURRENT_VERSION", "ALL_VERSIONS"];
    private static readonly string[] CorrectCurrentVersionValues = ["NONE", "ALL"];

    private readonly HashSet<string> _supportedTypes = new(supportedResourceTypes, StringComparer.Ordinal);

    /// <summary>
    /// Validates the named parameter values (from the Parameters body and the query string). Returns the request,
    /// or null with HAPI's diagnostics in <paramref name="error"/>.
    /// </summary>
    public ReindexRequest? Validate(ILookup<string, string> parameters, out string error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        error = "";
        var reindexSearchParameters = Enum(parameters, "reindexSearchParameters", ReindexSearchParameterValues, "ALL", ref error);
        var optimizeStorage = Enum(parameters, "optimizeStorage", OptimizeStorageValues, "NONE", ref error);
        var correctCurrentVersion = Enum(parameters, "correctCurrentVersion", CorrectCurrentVersionValues, "NONE", ref error);
        if (error.Length > 0)
        {
            return null;
        }

        var partitionIds = parameters["partitionId"].Where(id => !string.IsNullOrWhiteSpace(id)).ToList();
        var badPartition = partitionIds.FirstOrDefault(id => id != "_ALL" && !int.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        if (badPartition is not null)
        {
            error = $"HAPI-2820: Invalid partition ID: {badPartition}";
            return null;
        }

        var optimisticLockGiven = parameters["optimisticLock"].FirstOrDefault();
        var optimisticLock = optimisticLockGiven is null
            ? !parameters.Contains("correctCurrentVersion")
            : string.Equals(optimisticLockGiven, "true", StringComparison.OrdinalIgnoreCase);

        var urls = parameters["url"].Where(url => !string.IsNullOrWhiteSpace(url)).ToList();
        var problems = urls.Select(UrlProblem).OfType<string>().ToList();
        if (correctCurrentVersion == "ALL" && optimisticLock)
        {
            problems.Add("Optimistic locking cannot be enabled when correcting current versions");
        }

        if (problems.Count > 0)
        {
            error = "HAPI-2039: Failed to validate parameters for job of type REINDEX: " + string.Concat(problems.Select(problem => "\n * " + problem));
            return null;
        }

        var batchSize = int.TryParse(parameters["batchSize"].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxBatchSize
            ? size
            : MaxBatchSize;
        return new ReindexRequest(urls, reindexSearchParameters, optimizeStorage, optimisticLock, correctCurrentVersion, batchSize, partitionIds);
    }

    /// <summary>The named values of a Parameters resource: primitive values as FHIR strings.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ValuesOf(Parameters parameters)
    {
        foreach (var parameter in parameters.Parameter)
        {
            if (parameter.Name is { } name && parameter.Value is PrimitiveType { JsonValue: not null } value)
            {
                yield return KeyValuePair.Create(name, value.ToString() ?? "");
            }
        }
    }

    private string? UrlProblem(string url)
    {
        if (url.Any(char.IsWhiteSpace))
        {
            return $"Invalid URL, cannot contain whitespace: {url}";
        }

        var match = UrlSyntax().Match(url);
        if (!match.Success)
        {
            return $"Invalid/unsupported URL (must use syntax '{{resourceType}}?[optional params]': {url}";
        }

        var resourceType = match.Groups[1].Value;
        return _supportedTypes.Contains(resourceType) ? null : $"Resource type {resourceType} is not supported";
    }

    private static string Enum(ILookup<string, string> parameters, string name, string[] allowed, string fallback, ref string error)
    {
        var given = parameters[name].FirstOrDefault();
        if (given is null)
        {
            return fallback;
        }

        var upper = given.ToUpperInvariant();
        if (allowed.Contains(upper, StringComparer.Ordinal))
        {
            return upper;
        }

        if (error.Length == 0)
        {
            error = $"HAPI-1769: Invalid {name} value: {given}";
        }

        return fallback;
    }

    [GeneratedRegex(@"^([A-Z][a-zA-Z0-9]+)\?.*$", RegexOptions.Singleline)]
    private static partial Regex UrlSyntax();
}
