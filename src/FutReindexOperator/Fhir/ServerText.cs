using System.Text;

namespace FutReindexOperator.Fhir;

/// <summary>
/// Makes text from a server fit for status, events and logs: control characters become spaces, runs of spaces
/// collapse, and the result is cut to a bound, so that no response body is reflected unbounded.
/// </summary>
public static class ServerText
{
    /// <summary>The default bound: an event note is at most 1 kB.</summary>
    public const int DefaultMaxLength = 1024;

    public static string Sanitize(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var clean = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var previousWasSpace = false;
        foreach (var character in text)
        {
            var isSpace = char.IsWhiteSpace(character) || char.IsControl(character);
            if (isSpace && previousWasSpace)
            {
                continue;
            }

            clean.Append(isSpace ? ' ' : character);
            previousWasSpace = isSpace;
            if (clean.Length > maxLength)
            {
                break;
            }
        }

        var result = clean.ToString().Trim();
        return result.Length <= maxLength ? result : string.Concat(result.AsSpan(0, maxLength - 1), "…");
    }
}
