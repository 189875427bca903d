using CsCheck;
using FutReindexOperator.Testing.Generators.Schema;

namespace FutReindexOperator.Testing.Generators.Jobs;

/// <summary>
/// Annotations and labels as the Kubernetes API server accepts them on any object (metadata is not in a CRD's schema, so
/// these follow the API server's own rules): qualified keys, label values of at most 63 characters, annotation values of
/// any text and length. Rerun tokens lean towards the awkward: long, whitespace-only, non-ASCII.
/// </summary>
public static class MetadataGen
{
    /// <summary>The rerun annotation of the ReindexJob.</summary>
    public const string RerunAnnotation = "fhir.fut.dk/rerun";

    private const string NamePart = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";
    private const string Prefix = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private const string LabelValue = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

    /// <summary>A qualified key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static Gen<string> Key { get; } = Gen.Select(
        Gen.Bool,
        SchemaGen.Text(new() { ["pattern"] = Prefix, ["maxLength"] = 253 }),
        SchemaGen.Text(new() { ["pattern"] = NamePart, ["maxLength"] = 63, ["minLength"] = 1 }),
        (prefixed, prefix, name) => prefixed ? $"{prefix}/{name}" : name);

    /// <summary>A value of a rerun annotation (never the empty string, which means no rerun).</summary>
    public static Gen<string> RerunToken { get; } = Gen.Frequency<string>(
        (4, SchemaGen.Text(new() { ["pattern"] = "^[a-z0-9][-a-z0-9]{0,12}$" })),
        (2, SchemaGen.Text(new() { ["maxLength"] = 2000, ["minLength"] = 1 })),
        (1, Gen.Int[255, 300].Select(length => new string('r', length))),
        (1, Gen.OneOf<string>(" ", "\t", "2026-12-04T10:00:00Z", "ÆØÅ-中文", "a\nb")));

    /// <summary>Annotations: a few of any key with long values of any text, sometimes the rerun annotation.</summary>
    public static Gen<Dictionary<string, string>> Annotations(Gen<string?> rerun)
    {
        ArgumentNullException.ThrowIfNull(rerun);
        var value = Gen.Frequency<string>((4, SchemaGen.Text(new() { ["maxLength"] = 64 })), (1, SchemaGen.Text(new() { ["maxLength"] = 20_000 })));
        return Gen.Select(Gen.Select(Key, value).List[0, 3], rerun, (pairs, token) =>
        {
            var annotations = pairs.DistinctBy(pair => pair.Item1, StringComparer.Ordinal).ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
            annotations.Remove(RerunAnnotation);
            if (token is not null)
            {
                annotations[RerunAnnotation] = token;
            }

            return annotations;
        });
    }

    /// <summary>Labels: qualified keys, values of at most 63 characters of the label alphabet.</summary>
    public static Gen<Dictionary<string, string>> Labels { get; } = Gen.Select(Key, SchemaGen.Text(new() { ["pattern"] = LabelValue, ["maxLength"] = 63 }))
        .List[0, 3]
        .Select(pairs => pairs.DistinctBy(pair => pair.Item1, StringComparer.Ordinal).ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal));
}
