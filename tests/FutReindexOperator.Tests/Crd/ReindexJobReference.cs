using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using FutReindexOperator.Crd;
using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Tests.Crd;

/// <summary>
/// Writes the ReindexJob reference (<see cref="ReferencePath"/>) from what the CRD is generated from: the schema
/// <see cref="CrdGenerator"/> builds out of the C# types (descriptions, data annotations, defaults, enums), the printer
/// columns, the phases, and the conditions <see cref="ReindexConditionSet"/> derives from each phase. So the reference
/// cannot drift from the types: <c>ReindexJobReferenceTests</c> fails on any difference and, with
/// <see cref="UpdateVariable"/>=1, rewrites the file. (It lives here rather than behind a subcommand so that the
/// operator's Program.cs stays untouched.)
/// </summary>
internal static class ReindexJobReference
{
    /// <summary>The committed reference, relative to the repository root.</summary>
    public const string ReferencePath = "docs/reference/reindexjob.md";

    /// <summary>The environment variable that makes the drift test write the reference instead of failing.</summary>
    public const string UpdateVariable = "UPDATE_REFERENCE";

    /// <summary>The command, run from the repository root, that rewrites <see cref="ReferencePath"/>.</summary>
    public const string RegenerateCommand =
        UpdateVariable + "=1 dotnet test tests/FutReindexOperator.Tests --filter FullyQualifiedName~ReindexJobReferenceTests";

    /// <summary>The committed ReindexPlan reference, relative to the repository root.</summary>
    public const string PlanReferencePath = "docs/reference/reindexplan.md";

    /// <summary>The reference as Markdown, ending with one newline.</summary>
    public static string Generate()
    {
        var crd = CrdGenerator.Build();
        var text = Common(crd, "ReindexJob", CrdGenerator.CrdPath);
        var root = crd.Spec.Versions.Single().Schema.OpenAPIV3Schema;
        AppendPhases(text, root.Properties["status"].Properties["phase"]);
        AppendConditions(text, root.Properties["status"].Properties["conditions"]);
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The ReindexPlan reference as Markdown, ending with one newline.</summary>
    public static string GeneratePlan()
    {
        var crd = CrdGenerator.BuildPlan();
        var text = Common(crd, "ReindexPlan", CrdGenerator.PlanCrdPath);
        var status = crd.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["status"];
        text.AppendLine();
        text.AppendLine("## Phases and conditions");
        text.AppendLine();
        text.AppendLine(Prose(status.Properties["phase"].Description));
        text.AppendLine();
        text.AppendLine("- `Running`: `Reconciling` is True; `Stalled` is True too (reason `ChildStalled`) while a child is Stalled.");
        text.AppendLine("- `Succeeded`: `Ready` and `Complete` are True, so `kubectl wait --for=condition=Complete reindexplan/NAME` returns.");
        text.AppendLine("- `Failed`: `Failed` is True (terminal, exclusive with `Complete`).");
        text.AppendLine("- `Stalled`: the run cannot start; `Stalled` is True with reason `InvalidSpec`, `TargetsNotFound` or `ChildNameTaken` and the message names the field.");
        text.AppendLine();
        text.AppendLine("## Children");
        text.AppendLine();
        text.AppendLine(Prose(status.Properties["children"].Properties is null ? ((V1JSONSchemaProps)status.Properties["children"].Items).Properties["phase"].Description : ""));
        text.AppendLine();
        text.AppendLine("Each child is named `{plan}-{service}` (cut to 63 characters with an 8-digit hash of both when longer), labelled `fhir.fut.dk/plan={plan}`, and owned by the plan (`controller: true`, `blockOwnerDeletion: true`): deleting the plan deletes its children by garbage collection. The operator never deletes a child itself.");
        text.AppendLine();
        text.AppendLine("A rerun (a new value of the annotation `fhir.fut.dk/rerun` on the plan) starts once the current run has ended: the targets are resolved again and each target's child is rerun in place by giving it the same annotation value (a new target gets a new child). Until a child's turn comes, it keeps its last run's status.");
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static StringBuilder Common(V1CustomResourceDefinition crd, string kind, string crdPath)
    {
        var version = crd.Spec.Versions.Single();
        var root = version.Schema.OpenAPIV3Schema;
        var text = new StringBuilder();

        text.AppendLine("<!--");
        text.AppendLine("  Generated from the C# types in src/FutReindexOperator/Model (the schema of the CRD), by");
        text.AppendLine("  tests/FutReindexOperator.Tests/Crd/ReindexJobReference.cs. Do not edit: the drift test");
        text.AppendLine("  ReindexJobReferenceTests fails on any difference. Regenerate, from the repository root, with:");
        text.AppendLine("    " + RegenerateCommand);
        text.AppendLine("-->");
        text.AppendLine($"# {kind} reference");
        text.AppendLine();
        text.AppendLine(Invariant($"`{crd.Spec.Group}/{version.Name}`, kind `{crd.Spec.Names.Kind}`, plural `{crd.Spec.Names.Plural}`, short name `{string.Join("`, `", crd.Spec.Names.ShortNames)}`, category `{string.Join("`, `", crd.Spec.Names.Categories)}`; {crd.Spec.Scope.ToLowerInvariant()}, with a status subresource. The CRD is `{crdPath}`."));
        text.AppendLine();
        text.AppendLine(Prose(root.Description));
        text.AppendLine();
        text.AppendLine("Constraints marked *CEL* are `x-kubernetes-validations` rules: a real API server enforces them, the Kubernetes API test server does not.");
        text.AppendLine();

        text.AppendLine("## Columns of `kubectl get`");
        text.AppendLine();
        text.AppendLine("| Column | JSONPath | Shown by | Description |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var column in version.AdditionalPrinterColumns)
        {
            var shownBy = (column.Priority ?? 0) == 0 ? "`kubectl get`" : "`kubectl get -o wide`";
            text.AppendLine(Invariant($"| {column.Name} | `{column.JsonPath}` | {shownBy} | {Cell(column.Description)} |"));
        }

        foreach (var part in new[] { "spec", "status" })
        {
            var schema = root.Properties[part];
            text.AppendLine();
            text.AppendLine(Invariant($"## `{part}`"));
            text.AppendLine();
            text.AppendLine(Prose(schema.Description));
            text.AppendLine();
            text.AppendLine("| Field | Type | Default | Constraints | Description |");
            text.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var row in Rows(part, schema))
            {
                text.AppendLine(row);
            }
        }

        return text;
    }

    private static void AppendPhases(StringBuilder text, V1JSONSchemaProps phase)
    {
        text.AppendLine();
        text.AppendLine("## Phases");
        text.AppendLine();
        text.AppendLine(Prose(phase.Description));
        text.AppendLine();
        text.AppendLine("The conditions the operator writes in each phase (True; every other condition is False):");
        text.AppendLine();
        text.AppendLine(Invariant($"| Phase | Terminal | {string.Join(" | ", ReindexConditions.All)} |"));
        text.AppendLine(Invariant($"| --- | --- | {string.Join(" | ", ReindexConditions.All.Select(_ => "---"))} |"));
        foreach (var value in Enum.GetValues<ReindexPhase>())
        {
            var conditions = ReindexConditionSet.For(value, "Reason", "message", 1, DateTimeOffset.UnixEpoch, []);
            var cells = ReindexConditions.All.Select(type => conditions.Single(c => c.Type == type).Status == "True" ? "True" : "");
            text.AppendLine(Invariant($"| {value} | {(value.IsTerminal() ? "yes" : "")} | {string.Join(" | ", cells)} |"));
        }
    }

    private static void AppendConditions(StringBuilder text, V1JSONSchemaProps conditions)
    {
        var item = (V1JSONSchemaProps)conditions.Items;
        text.AppendLine();
        text.AppendLine("## Conditions");
        text.AppendLine();
        text.AppendLine(Prose(Invariant($"{conditions.Description} {item.Properties["type"].Description}")));
        text.AppendLine();
        text.AppendLine("- `Ready` is True only when the job succeeded.");
        text.AppendLine("- `Reconciling` is True while the operator is working on the job (kstatus: in progress).");
        text.AppendLine("- `Stalled` is True when the job needs attention or ended without success (kstatus: failed).");
        text.AppendLine("- `Complete` and `Failed` are terminal and mutually exclusive, as on a batch Job. Every terminal phase but `Succeeded` sets `Failed`, `Lost` and `Untrackable` included: their outcome is unknown, but the run ended without a known success, so `kubectl wait --for=condition=Complete` or `--for=condition=Failed` returns for every ended run; the reason (`JobLost`, `StatusUnavailable`) tells them apart from a reported failure.");
        text.AppendLine("- Every condition carries the `observedGeneration` it was written for.");
        text.AppendLine();
        text.AppendLine(Invariant($"The reasons the operator writes: {string.Join(", ", Reasons().Select(reason => $"`{reason}`"))}."));
        text.AppendLine("`NotComplete` and `NotFailed` are the reasons of a False `Complete` and `Failed`.");
    }

    private static IEnumerable<string> Reasons() =>
        typeof(ConditionReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

    private static IEnumerable<string> Rows(string path, V1JSONSchemaProps schema)
    {
        foreach (var (name, child) in (schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var childPath = $"{path}.{name}";
            var required = schema.Required?.Contains(name) == true;
            yield return Invariant($"| `{childPath}` | {TypeOf(child)}{(required ? ", required" : "")} | {DefaultOf(child.DefaultProperty)} | {OneLine(string.Join("; ", Constraints(child)))} | {Cell(child.Description)} |");
            foreach (var nested in Rows(childPath, child))
            {
                yield return nested;
            }

            if (child.Items is V1JSONSchemaProps { Type: "object" } items)
            {
                foreach (var nested in Rows(childPath + "[]", items))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string TypeOf(V1JSONSchemaProps schema)
    {
        var type = string.IsNullOrEmpty(schema.Format) ? schema.Type : $"{schema.Type} ({schema.Format})";
        return schema.Items is V1JSONSchemaProps items ? $"{type} of {TypeOf(items)}" : type;
    }

    private static IEnumerable<string> Constraints(V1JSONSchemaProps schema)
    {
        if (schema.EnumProperty is { Count: > 0 } values)
        {
            yield return "one of " + string.Join(", ", values.Select(value => $"`{value}`"));
        }

        if (schema.Minimum is { } minimum)
        {
            yield return Invariant($"minimum {minimum}");
        }

        if (schema.Maximum is { } maximum)
        {
            yield return Invariant($"maximum {maximum}");
        }

        if (schema.MinLength is { } minLength)
        {
            yield return Invariant($"at least {minLength} character{(minLength == 1 ? "" : "s")}");
        }

        if (schema.MaxLength is { } maxLength)
        {
            yield return Invariant($"at most {maxLength} characters");
        }

        if (schema.MaxItems is { } maxItems)
        {
            yield return Invariant($"at most {maxItems} items");
        }

        if (schema.Pattern is { } pattern)
        {
            yield return $"pattern `{pattern}`";
        }

        if (schema.Items is V1JSONSchemaProps { Type: not "object" } items && Constraints(items).ToList() is { Count: > 0 } itemConstraints)
        {
            yield return "each item: " + string.Join(", ", itemConstraints);
        }

        if (schema.OneOf is { Count: > 0 } choices)
        {
            yield return "exactly one of " + string.Join(", ", choices.Select(choice => $"`{choice.Required.Single()}`"));
        }

        if (schema.XKubernetesListType == "map")
        {
            yield return "list map keyed by " + string.Join(", ", schema.XKubernetesListMapKeys.Select(key => $"`{key}`"));
        }

        if (schema.Nullable == true)
        {
            yield return "may be null";
        }

        foreach (var rule in schema.XKubernetesValidations ?? [])
        {
            yield return $"*CEL* `{rule.Rule}`: {rule.Message}";
        }
    }

    private static string DefaultOf(object? value) => value switch
    {
        null => "",
        string text => $"`{text}`",
        bool flag => flag ? "`true`" : "`false`",
        IDictionary { Count: 0 } => "`{}`",
        IFormattable number => $"`{number.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => throw new InvalidOperationException($"No Markdown form for a default of type {value.GetType().Name}."),
    };

    /// <summary>A description safe in a Markdown table cell.</summary>
    private static string Cell(string? text) => OneLine(Prose(text));

    /// <summary>One line with pipes escaped, as a table cell needs (GFM unescapes them inside code spans too).</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A description as Markdown text: angle brackets (<c>https://&lt;host&gt;/...</c>) escaped so they are not taken for HTML.</summary>
    private static string Prose(string? text) =>
        (text ?? "").Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
