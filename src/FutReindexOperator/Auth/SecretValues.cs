using System.Text;
using k8s.Models;

namespace FutReindexOperator.Auth;

/// <summary>Reads string values out of a Secret's data (or stringData, as test servers may keep it).</summary>
public static class SecretValues
{
    /// <summary>The trimmed value of <paramref name="key"/>, or null when the key is absent or empty.</summary>
    public static string? Get(V1Secret secret, string key)
    {
        ArgumentNullException.ThrowIfNull(secret);
        string? value = null;
        if (secret.Data is { } data && data.TryGetValue(key, out var bytes) && bytes is not null)
        {
            value = Encoding.UTF8.GetString(bytes);
        }
        else if (secret.StringData is { } stringData && stringData.TryGetValue(key, out var text))
        {
            value = text;
        }

        value = value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
