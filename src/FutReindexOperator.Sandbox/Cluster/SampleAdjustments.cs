using System.Text.Json.Nodes;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>
/// What the sandbox changes in a sample before installing it, as a user replaces a placeholder: the example Keycloak
/// origin of <c>spec.auth.oauth2.tokenUrl</c> becomes the simulator's (the path, and so the realm, stays).
/// </summary>
public static class SampleAdjustments
{
    /// <summary>A copy of <paramref name="manifest"/> whose token URL, if any, points at <paramref name="tokenEndpointOrigin"/>.</summary>
    public static JsonObject PointTokenUrlAt(JsonObject manifest, Uri tokenEndpointOrigin)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(tokenEndpointOrigin);
        var copy = manifest.DeepClone().AsObject();
        if (copy["spec"]?["auth"]?["oauth2"] is JsonObject oauth2
            && oauth2["tokenUrl"]?.GetValue<string>() is { } tokenUrl
            && Uri.TryCreate(tokenUrl, UriKind.Absolute, out var original))
        {
            oauth2["tokenUrl"] = new Uri(tokenEndpointOrigin, original.PathAndQuery).ToString();
        }

        return copy;
    }
}
