using System.Text.RegularExpressions;

namespace FutReindexOperator.Testing.HapiSimulator.Recording;

/// <summary>Keeps credentials out of recordings and logs.</summary>
public static partial class SecretMasking
{
    /// <summary>The mask that replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary>Keeps the scheme of an Authorization value and masks the credentials: <c>Bearer ***</c>.</summary>
    public static string MaskAuthorization(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? Mask : value[..(space + 1)] + Mask;
    }

    /// <summary>Masks the values of <c>password</c>, <c>client_secret</c> and <c>refresh_token</c> fields in a form body.</summary>
    public static string MaskFormSecrets(string body) => FormSecret().Replace(body, match => match.Groups[1].Value + Mask);

    [GeneratedRegex(@"((?:^|&)(?:password|client_secret|refresh_token|client_assertion)=)[^&]*")]
    private static partial Regex FormSecret();
}
