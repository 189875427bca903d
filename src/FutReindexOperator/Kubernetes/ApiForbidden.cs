using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace FutReindexOperator.Kubernetes;

/// <summary>
/// A 403 from the Kubernetes API: the operator's ServiceAccount lacks a permission. Its Status message names the
/// user, verb, resource and namespace (<c>services "x" is forbidden: User "system:serviceaccount:..." cannot get
/// resource "services" in API group "" in the namespace "fhir"</c>), which is what an administrator must grant.
/// </summary>
public static class ApiForbidden
{
    public static bool Is(HttpOperationException exception) =>
        exception?.Response?.StatusCode == HttpStatusCode.Forbidden;

    /// <summary><paramref name="what"/>, the API server's message, and the fix.</summary>
    public static string Describe(string what, HttpOperationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"{what}: the Kubernetes API refused it (HTTP 403: {StatusMessage(exception)}); grant the operator's ServiceAccount that permission (config/rbac)";
    }

    private static string StatusMessage(HttpOperationException exception)
    {
        try
        {
            using var status = JsonDocument.Parse(exception.Response.Content ?? "");
            if (status.RootElement.ValueKind == JsonValueKind.Object &&
                status.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a Status object: fall through to the generic text.
        }

        return "forbidden";
    }
}
