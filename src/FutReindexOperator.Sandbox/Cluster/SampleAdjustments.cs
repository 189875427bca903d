using System.Text.Json.Nodes;
using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>
/// What the sandbox changes in a sample before installing it, as a user replaces a placeholder: the example Keycloak
/// origin of <c>spec.auth.oauth2.tokenUrl</c> becomes the simulator's (the path, and so the realm, stays), and polling
/// written for production servers (a first poll after 30 s) is shortened to the simulated speed. The samples
/// themselves keep their production settings.
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

    /// <summary>
    /// A copy of <paramref name="manifest"/> whose <c>spec.polling.firstInterval</c> and <c>maxInterval</c> are at most
    /// <paramref name="interval"/> and twice it; a job without them (the operator's defaults) is unchanged.
    /// </summary>
    public static JsonObject ShortenPolling(JsonObject manifest, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var copy = manifest.DeepClone().AsObject();
        if (copy["spec"]?["polling"] is JsonObject polling)
        {
            Cap(polling, "firstInterval", interval);
            Cap(polling, "maxInterval", interval * 2);
        }

        return copy;
    }

    private static void Cap(JsonObject polling, string field, TimeSpan cap)
    {
        if (polling[field]?.GetValue<string>() is { } text && GoDuration.TryParse(text, out var value) && value > cap)
        {
            polling[field] = GoDuration.Format(cap);
        }
    }
}
