using System.Collections;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Hosting;
using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Targets;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>
/// The environment variable names the operator binds, derived by reflection from its options classes and the
/// sections the host binds them at, so that they cannot drift from the code. List items appear as <c>{n}</c>.
/// </summary>
internal static class OperatorConfigurationKeys
{
    /// <summary>Variables the pod sets for reasons other than the operator's options.</summary>
    public static IReadOnlyList<string> WellKnownPrefixes { get; } = ["DOTNET_", "ASPNETCORE_"];

    /// <summary>Variables the pod sets for reasons other than the operator's options, matched whole.</summary>
    public static IReadOnlySet<string> WellKnownNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "POD_NAME", "POD_NAMESPACE", "TMPDIR" };

    private static readonly (string Section, Type Options)[] Sections =
    [
        (OperatorRuntimeOptions.SectionName, typeof(OperatorRuntimeOptions)),
        (ReindexOperatorPolicy.SectionName, typeof(ReindexOperatorPolicy)),
        (ReindexOperatorServiceCollectionExtensions.TargetsSection, typeof(TargetOptions)),
        (ReindexOperatorServiceCollectionExtensions.AuthSection, typeof(AuthOptions)),
        (FhirClientOptions.SectionName, typeof(FhirClientOptions)),
        (KubernetesConnectionOptions.SectionName, typeof(KubernetesConnectionOptions)),
    ];

    /// <summary>Every bound key as an environment variable name (<c>__</c> between sections, <c>{n}</c> for a list index).</summary>
    public static IReadOnlySet<string> Bound { get; } = Sections
        .SelectMany(section => Keys(section.Options, section.Section.Replace(":", "__", StringComparison.Ordinal) + "__"))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the operator reads <paramref name="name"/> (configuration keys ignore case; list indexes are numbers).</summary>
    public static bool IsBound(string name)
    {
        var pattern = string.Join("__", name.Split("__").Select(segment => segment.Length > 0 && segment.All(char.IsAsciiDigit) ? "{n}" : segment));
        return Bound.Contains(pattern);
    }

    /// <summary>Whether the pod may set <paramref name="name"/>: a bound key or a well-known variable.</summary>
    public static bool IsAllowed(string name)
        => IsBound(name) || WellKnownNames.Contains(name) || WellKnownPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            foreach (var key in KeysOf(property.PropertyType, prefix + property.Name))
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> KeysOf(Type type, string key)
    {
        var valueType = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(valueType))
        {
            return [key];
        }

        if (ElementType(valueType) is { } element)
        {
            return KeysOf(element, key + "__{n}");
        }

        return Keys(valueType, key + "__");
    }

    private static bool IsScalar(Type type)
        => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    private static Type? ElementType(Type type)
        => typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
}
