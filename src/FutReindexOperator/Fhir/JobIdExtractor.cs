using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Fhir;

/// <summary>Finds the job id in a 2xx answer to <c>$reindex</c>, in the order of the protocol's section 2.3.</summary>
public static partial class JobIdExtractor
{
    /// <summary>Where the id was found; only the legacy Parameters form means the server has no status operation.</summary>
    public enum Source
    {
        ContentLocation,
        Diagnostics,
        LegacyParameters,
    }

    /// <summary>
    /// 1. the <c>_jobId</c> query parameter of Content-Location (its scheme, host and port are ignored);
    /// 2. the regex <c>[?&amp;]_jobId=([^&amp;\s"]+)</c> over the OperationOutcome's diagnostics;
    /// 3. <c>parameter[name=jobId].valueString</c> of a legacy Parameters body.
    /// </summary>
    public static (string JobId, Source Source)? Extract(string? contentLocation, Resource? body)
    {
        if (FromContentLocation(contentLocation) is { } fromHeader)
        {
            return (fromHeader, Source.ContentLocation);
        }

        if (body is OperationOutcome outcome)
        {
            foreach (var diagnostics in FhirResourceReader.Diagnostics(outcome))
            {
                var match = JobIdInText().Match(diagnostics);
                if (match.Success)
                {
                    return (Uri.UnescapeDataString(match.Groups[1].Value), Source.Diagnostics);
                }
            }
        }

        if (body is Parameters parameters
            && parameters.Parameter.FirstOrDefault(parameter => parameter.Name == "jobId")?.Value is FhirString { Value: { Length: > 0 } legacyId })
        {
            return (legacyId, Source.LegacyParameters);
        }

        return null;
    }

    private static string? FromContentLocation(string? contentLocation)
    {
        if (string.IsNullOrWhiteSpace(contentLocation))
        {
            return null;
        }

        var queryStart = contentLocation.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return null;
        }

        var query = contentLocation[(queryStart + 1)..].Split('#')[0];
        foreach (var pair in query.Split('&'))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && pair[..separator] == "_jobId" && separator < pair.Length - 1)
            {
                return Uri.UnescapeDataString(pair[(separator + 1)..]);
            }
        }

        return null;
    }

    [GeneratedRegex("[?&]_jobId=([^&\\s\"]+)", RegexOptions.CultureInvariant)]
    private static partial Regex JobIdInText();
}
