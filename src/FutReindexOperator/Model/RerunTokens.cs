using System.Security.Cryptography;
using System.Text;

namespace FutReindexOperator.Model;

/// <summary>
/// How the value of the <see cref="ReindexJob.RerunAnnotation"/> annotation is kept in status and shown. An annotation
/// may be up to 256 kB; status.lastHandledRerun holds at most <see cref="MaxRecordedLength"/> characters, so a longer
/// value is recorded as its SHA-256 hash: still one value per token, and a status that passes the schema.
/// </summary>
public static class RerunTokens
{
    /// <summary>The longest value status.lastHandledRerun holds.</summary>
    public const int MaxRecordedLength = 256;

    /// <summary>The most characters of a token that messages and events show.</summary>
    public const int MaxShownLength = 64;

    private const string HashPrefix = "sha256:";

    /// <summary>The value recorded in status.lastHandledRerun for <paramref name="token"/>: itself, or its hash when longer than <see cref="MaxRecordedLength"/>.</summary>
    public static string Recorded(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return IsRecordedAsIs(token) ? token : HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>True when <paramref name="token"/> fits status.lastHandledRerun as it is.</summary>
    public static bool IsRecordedAsIs(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length <= MaxRecordedLength && !token.StartsWith(HashPrefix, StringComparison.Ordinal);
    }

    /// <summary><paramref name="token"/> as messages show it: at most <see cref="MaxShownLength"/> characters, control characters as spaces.</summary>
    public static string Shown(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var clean = new string([.. token.Take(MaxShownLength + 1).Select(character => char.IsControl(character) ? ' ' : character)]);
        return clean.Length <= MaxShownLength ? clean : clean[..MaxShownLength] + "…";
    }
}
