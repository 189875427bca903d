using FutReindexOperator.Testing.HapiSimulator.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>An operation's named parameter values: the query string plus, for a POST, the Parameters body.</summary>
public static class OperationParameters
{
    /// <summary>
    /// Reads the parameters; throws <see cref="BadFhirRequestException"/> with HAPI-style diagnostics when the body
    /// is not a FHIR Parameters resource.
    /// </summary>
    public static async Task<ILookup<string, string>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? ""))).ToList();
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(body))
        {
            var isXml = request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
            var (resource, problem) = isXml ? ParseXml(body) : ParseJson(body);
            if (resource is not Parameters parameters)
            {
                throw new BadFhirRequestException(problem ?? $"The body is a {resource?.TypeName} resource; this operation expects Parameters.");
            }

            values.AddRange(ReindexRequestValidator.ValuesOf(parameters));
        }

        return values.ToLookup(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    private static (Resource? Resource, string? Problem) ParseJson(string body)
    {
        // HAPI takes a Parameters resource with no parameters (protocol 1.3: "everything"); Firely's parser refuses an element-less resource.
        if (IsBareParameters(body))
        {
            return (new Parameters(), null);
        }

        return FhirJson.TryParse(body, out var resource, out var error) ? (resource, null) : (null, $"HAPI-1861: Failed to parse JSON encoded FHIR content: {error}");
    }

    private static bool IsBareParameters(string body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.EnumerateObject().Count() == 1
                && root.TryGetProperty("resourceType", out var type)
                && type.ValueKind == System.Text.Json.JsonValueKind.String
                && type.ValueEquals("Parameters");
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static (Resource? Resource, string? Problem) ParseXml(string body)
    {
        try
        {
            return new FhirXmlDeserializer(new DeserializerSettings()).TryDeserializeResource(body, out var resource, out var issues)
                ? (resource, null)
                : (null, "HAPI-1852: DataFormatException at [[row,col {unknown-source}]]: " + string.Join("; ", issues.Select(issue => issue.Message)));
        }
        catch (DeserializationFailedException exception)
        {
            return (null, "HAPI-1852: DataFormatException at [[row,col {unknown-source}]]: " + exception.Message);
        }
    }
}
