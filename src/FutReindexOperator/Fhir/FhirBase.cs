using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Fhir;

/// <summary>
/// The FHIR base URL of a target, the only origin the operator sends requests and credentials to. Every request URL
/// is built from it; a relative path that would leave its origin is refused.
/// </summary>
public sealed partial record FhirBase
{
    public FhirBase(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"A FHIR base must be an absolute http or https URL, not '{baseUri}'.", nameof(baseUri));
        }

        if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment) || !string.IsNullOrEmpty(baseUri.UserInfo))
        {
            throw new ArgumentException("A FHIR base carries no query, fragment or user information.", nameof(baseUri));
        }

        // Percent-escapes in upper case (RFC 3986 6.2.2.1, the same URL): System.Uri writes them so in every URL it
        // resolves against the base, so a base keeping "%3e" would find "$reindex" outside itself.
        var text = PercentEncoded().Replace(baseUri.GetLeftPart(UriPartial.Path), escape => escape.Value.ToUpperInvariant());
        Uri = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Creates a base from <paramref name="uri"/>, or returns false when it is not a plain absolute http(s) URL.</summary>
    public static bool TryCreate(Uri uri, [NotNullWhen(true)] out FhirBase? fhirBase)
    {
        try
        {
            fhirBase = new FhirBase(uri);
            return true;
        }
        catch (ArgumentException)
        {
            fhirBase = null;
            return false;
        }
    }

    /// <summary>
    /// <paramref name="basePath"/> as the server sees the requests sent to it, so that paths naming the same FHIR base
    /// compare equal. The key follows the request URL: first the path the client really sends, which System.Uri
    /// resolves (dot segments removed, empty segments kept, so <c>/F/.//..</c> is sent as <c>/F/</c>); then what a
    /// server does with it: percent-encoded unreserved characters decoded, repeated slashes merged (as Envoy and
    /// servlet containers do), dot segments the decoding revealed removed, no trailing slash; the root is the empty
    /// string. Comparing more paths as equal only makes the per-target limit stricter, never looser.
    /// </summary>
    public static string NormalizePath(string? basePath)
    {
        var sent = ResolvedPath(basePath is null || basePath.StartsWith('/') ? basePath ?? "" : "/" + basePath);
        var merged = MultipleSlashes().Replace(DecodeUnreserved(sent), "/");
        return ResolvedPath(merged).TrimEnd('/');
    }

    /// <summary>The path of a URL with <paramref name="path"/> (starting with a slash) as System.Uri resolves it.</summary>
    private static string ResolvedPath(string path)
        => Uri.TryCreate("http://base" + path, UriKind.Absolute, out var uri) ? uri.AbsolutePath : path;

    private static string DecodeUnreserved(string path)
        => PercentEncoded().Replace(path, match =>
        {
            var character = (char)Convert.ToInt32(match.Groups[1].Value, 16);
            return char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_' or '~' ? character.ToString() : match.Value.ToUpperInvariant();
        });

    [GeneratedRegex("/{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSlashes();

    [GeneratedRegex("%([0-9A-Fa-f]{2})", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEncoded();

    /// <summary>The base, always ending in a slash so that relative paths resolve below it.</summary>
    public Uri Uri { get; }

    /// <summary>scheme://host:port, the origin credentials are bound to.</summary>
    public string Origin => Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>Resolves an operation path such as <c>$reindex</c> below the base.</summary>
    /// <exception cref="ArgumentException">The path is absolute or would leave the base's origin.</exception>
    public Uri Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (relativePath.StartsWith('/') || relativePath.Contains("://", StringComparison.Ordinal) || relativePath.Contains('\\'))
        {
            throw new ArgumentException($"'{relativePath}' is not a path relative to the FHIR base.", nameof(relativePath));
        }

        var resolved = new Uri(Uri, relativePath);
        return resolved.GetLeftPart(UriPartial.Authority) == Origin && resolved.AbsolutePath.StartsWith(Uri.AbsolutePath, StringComparison.Ordinal)
            ? resolved
            : throw new ArgumentException($"'{relativePath}' leaves the FHIR base {Uri}.", nameof(relativePath));
    }

    public override string ToString() => Uri.ToString();
}
