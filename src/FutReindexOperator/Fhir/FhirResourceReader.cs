using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace FutReindexOperator.Fhir;

/// <summary>
/// Reads FHIR JSON answers with Hl7.Fhir.R4, tolerating elements a newer server may add, and telling a FHIR resource
/// apart from the plain-text replies of proxies such as Envoy.
/// </summary>
public static class FhirResourceReader
{
    private static readonly BaseFhirJsonDeserializer Deserializer = new(
        FhirModel.Inspector,
        new DeserializerSettings().UsingMode(DeserializationMode.BackwardsCompatible, NarrativeValidationKind.None));

    /// <summary>The resource in <paramref name="answer"/>, or null when the body is not a FHIR JSON resource of a type <see cref="FhirModel"/> knows.</summary>
    public static Resource? Read(FhirAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var looksLikeJson = answer.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            || answer.Body.TrimStart().StartsWith('{');
        if (!looksLikeJson || string.IsNullOrWhiteSpace(answer.Body))
        {
            return null;
        }

        try
        {
            Deserializer.TryDeserializeResource(answer.Body, out var resource, out _);
            return resource is DynamicResource ? null : resource;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The diagnostics of every issue, in order, or the issue details' text when diagnostics are absent.</summary>
    public static IEnumerable<string> Diagnostics(OperationOutcome? outcome)
        => outcome?.Issue.Select(issue => issue.Diagnostics ?? issue.Details?.Text).OfType<string>() ?? [];

    /// <summary>All diagnostics of <paramref name="outcome"/> joined, sanitised and bounded.</summary>
    public static string Describe(OperationOutcome? outcome)
        => ServerText.Sanitize(string.Join(" ", Diagnostics(outcome)));
}
