using System.Text;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Sandbox.Simulation;

/// <summary>The key/value pairs of a Secret manifest: <c>stringData</c> as written, <c>data</c> decoded from base64.</summary>
public static class SecretValues
{
    public static IReadOnlyDictionary<string, string> Of(JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (secret["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                values[key] = Encoding.UTF8.GetString(Convert.FromBase64String(value?.GetValue<string>() ?? ""));
            }
        }

        if (secret["stringData"] is JsonObject stringData)
        {
            foreach (var (key, value) in stringData)
            {
                values[key] = value?.ToString() ?? "";
            }
        }

        return values;
    }
}
