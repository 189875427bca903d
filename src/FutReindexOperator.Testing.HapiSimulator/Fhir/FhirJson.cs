using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>FHIR JSON in and out, with Hl7.Fhir.R4.</summary>
public static class FhirJson
{
    /// <summary>The content type HAPI sends, as FUT's capture shows it.</summary>
    public const string ContentType = "application/fhir+json; charset=UTF-8";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    // HAPI writes '<', '>' and '&' in narratives as they are; System.Text.Json would escape them as \u003C.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Loads the FHIR model and runs both directions once, so the first request does not pay seconds of JIT
    /// (clients with short timeouts would otherwise see a slow first answer).
    /// </summary>
    public static void WarmUp()
    {
        var parameters = new Parameters();
        parameters.Add("url", new FhirString("Organization?"));
        if (!TryParse(System.Text.Encoding.UTF8.GetString(Serialize(parameters)), out _, out var error))
        {
            throw new InvalidOperationException($"The FHIR JSON round trip failed at start: {error}");
        }

        Serialize(new Bundle { Entry = [new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Outcome = new OperationOutcome() } }] });
    }

    /// <summary>The resource as UTF-8 JSON.</summary>
    public static byte[] Serialize(Resource resource)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Serializer.Serialize(resource, writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a resource; returns false with a message naming the problem when the text is not valid FHIR JSON.</summary>
    public static bool TryParse(string json, out Resource? resource, out string error)
    {
        try
        {
            if (Deserializer.TryDeserializeResource(json, out resource, out var issues))
            {
                error = "";
                return true;
            }

            error = string.Join("; ", issues.Select(issue => issue.Message));
            return false;
        }
        catch (Exception exception) when (exception is DeserializationFailedException or JsonException)
        {
            resource = null;
            error = exception.Message;
            return false;
        }
    }
}
