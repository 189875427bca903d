using System.Globalization;
using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>
/// Reads query parameters the way kube-apiserver's parameter codec decodes them into ListOptions,
/// CreateOptions, UpdateOptions, PatchOptions and DeleteOptions, and validates them as its handlers do.
/// </summary>
/// <remarks>
/// Booleans are decoded by apimachinery's <c>Convert_Slice_string_To_bool</c>, not <c>strconv.ParseBool</c>:
/// an absent parameter, <c>0</c> and <c>false</c> in any case are false, and every other value (<c>True</c>,
/// <c>yes</c>, the empty string) is true, so no boolean is ever refused. Integers are decoded by
/// <c>strconv.ParseInt</c>, whose failure is a 400 with Go's message.
/// </remarks>
public static class QueryParameters
{
    private static readonly string[] FieldValidationValues = ["Ignore", "Strict", "Warn"];

    /// <summary>The parameter as a boolean; absent is false.</summary>
    public static bool Bool(IQueryCollection query, string name) => NullableBool(query, name) ?? false;

    /// <summary>The parameter as a boolean, or null when absent (the <c>*bool</c> fields, such as <c>sendInitialEvents</c>).</summary>
    public static bool? NullableBool(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var first = values[0] ?? "";
        return !(first == "0" || string.Equals(first, "false", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The parameter as a 64-bit integer, or null when absent.</summary>
    /// <exception cref="ApiException">400 with <c>strconv.ParseInt</c>'s message when it is not one.</exception>
    public static long? Number(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var text = values[0] ?? "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var problem = text.Length > 0 && text.TrimStart('+', '-').All(char.IsAsciiDigit) && text.TrimStart('+', '-').Length > 0
            ? "value out of range"
            : "invalid syntax";
        throw StatusObjects.BadRequest($"strconv.ParseInt: parsing \"{text}\": {problem}");
    }

    /// <summary>kube-apiserver's <c>ValidateListOptions</c> for a list or a watch.</summary>
    /// <exception cref="ApiException">422 <c>ListOptions.meta.k8s.io "" is invalid</c> naming every broken rule.</exception>
    public static void ValidateListOptions(IQueryCollection query, bool watch)
    {
        var causes = new List<StatusCause>();
        var match = query["resourceVersionMatch"].ToString();
        var resourceVersion = query["resourceVersion"].ToString();
        var continued = query["continue"].ToString().Length > 0;
        var sendInitialEvents = NullableBool(query, "sendInitialEvents");
        if (watch)
        {
            if (sendInitialEvents is not null && match != "NotOlderThan")
            {
                causes.Add(Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            }

            if (match.Length > 0)
            {
                if (sendInitialEvents is null)
                {
                    causes.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
                }

                if (match != "NotOlderThan")
                {
                    causes.Add(NotSupported("resourceVersionMatch", match, ["NotOlderThan"]));
                }

                if (continued)
                {
                    causes.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
                }
            }
        }
        else
        {
            if (match.Length > 0)
            {
                if (resourceVersion.Length == 0)
                {
                    causes.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
                }

                if (continued)
                {
                    causes.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
                }

                if (match is not ("Exact" or "NotOlderThan"))
                {
                    causes.Add(NotSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
                }

                if (match == "Exact" && resourceVersion == "0")
                {
                    causes.Add(Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
                }
            }

            if (sendInitialEvents is not null)
            {
                causes.Add(Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
            }
        }

        ThrowIfAny("ListOptions", causes);
    }

    /// <summary>
    /// kube-apiserver's checks of <c>dryRun</c>, <c>fieldManager</c> and <c>fieldValidation</c> for a write.
    /// </summary>
    /// <param name="query">The request's query.</param>
    /// <param name="optionsKind"><c>CreateOptions</c>, <c>UpdateOptions</c> or <c>PatchOptions</c>.</param>
    /// <exception cref="ApiException">422 <c>{optionsKind}.meta.k8s.io "" is invalid</c>.</exception>
    public static void ValidateWriteOptions(IQueryCollection query, string optionsKind)
    {
        var causes = new List<StatusCause>();
        AddDryRunCauses(query, causes);
        var manager = query["fieldManager"].ToString();
        if (System.Text.Encoding.UTF8.GetByteCount(manager) > 128)
        {
            causes.Add(new("FieldValueTooLong", "fieldManager", "Too long: may not be more than 128 bytes"));
        }

        for (var i = 0; i < manager.Length; i++)
        {
            if (char.IsControl(manager[i]))
            {
                causes.Add(new("FieldValueInvalid", "fieldManager", string.Create(CultureInfo.InvariantCulture, $"Invalid value: \"{manager}\": invalid character U+{(int)manager[i]:X4} (at position {i})")));
            }
        }

        var validation = query["fieldValidation"].ToString();
        if (validation.Length > 0 && !FieldValidationValues.Contains(validation, StringComparer.Ordinal))
        {
            causes.Add(NotSupported("fieldValidation", validation, FieldValidationValues));
        }

        ThrowIfAny(optionsKind, causes);
    }

    /// <summary>kube-apiserver's check of a DELETE's <c>dryRun</c> (query or body).</summary>
    public static void ValidateDeleteDryRun(IEnumerable<string> dryRun)
    {
        var values = dryRun.ToList();
        var causes = new List<StatusCause>();
        if (values.Any(v => v != "All"))
        {
            causes.Add(UnsupportedDryRun(values));
        }

        ThrowIfAny("DeleteOptions", causes);
    }

    private static void AddDryRunCauses(IQueryCollection query, List<StatusCause> causes)
    {
        var values = query["dryRun"].Select(v => v ?? "").ToList();
        if (values.Any(v => v != "All"))
        {
            causes.Add(UnsupportedDryRun(values));
        }
    }

    private static StatusCause UnsupportedDryRun(List<string> values)
    {
        var shown = "[]string{" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "}";
        return new("FieldValueNotSupported", "dryRun", $"Unsupported value: {shown}: supported values: \"All\"");
    }

    private static StatusCause Forbidden(string field, string detail) => new("FieldValueForbidden", field, $"Forbidden: {detail}");

    private static StatusCause NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    /// <summary>A 422 naming the options kind (<c>DeleteOptions.meta.k8s.io "" is invalid</c>) when <paramref name="causes"/> is not empty.</summary>
    internal static void ThrowIfAny(string optionsKind, List<StatusCause> causes)
    {
        if (causes.Count == 0)
        {
            return;
        }

        var parts = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var summary = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        throw new ApiException(422, "Invalid", $"{optionsKind}.meta.k8s.io \"\" is invalid: {summary}", new JsonObject
        {
            ["group"] = "meta.k8s.io",
            ["kind"] = optionsKind,
            ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["field"] = c.Field,
            }).ToArray()),
        });
    }
}
