using System.Text;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>Writes HAPI's answers with the headers FUT's HAPI sends (its own and Spring Security's).</summary>
public static class FhirResponses
{
    /// <summary>Sets <c>x-powered-by</c> and the cache and security headers of the FUT exchange.</summary>
    public static void ApplyHapiHeaders(HttpResponse response, string hapiVersion)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers["expires"] = "0";
        headers["x-frame-options"] = "DENY";
        headers["pragma"] = "no-cache";
        headers["x-content-type-options"] = "nosniff";
        headers["x-xss-protection"] = "0";
        headers["x-powered-by"] = $"HAPI FHIR {hapiVersion} REST Server (FHIR Server; FHIR 4.0.1/R4)";
        headers["cache-control"] = "no-cache, no-store, max-age=0, must-revalidate";
    }

    /// <summary>Writes <paramref name="resource"/> as FHIR JSON with <paramref name="status"/>.</summary>
    public static async System.Threading.Tasks.Task WriteResourceAsync(HttpResponse response, string hapiVersion, int status, Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(resource);
        ApplyHapiHeaders(response, hapiVersion);
        var body = FhirJson.Serialize(resource);
        response.StatusCode = status;
        response.Headers["content-type"] = FhirJson.ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Writes plain text (the raw report) with <paramref name="status"/>.</summary>
    public static async System.Threading.Tasks.Task WriteTextAsync(HttpResponse response, string hapiVersion, int status, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ApplyHapiHeaders(response, hapiVersion);
        var body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.Headers["content-type"] = "text/plain; charset=UTF-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
