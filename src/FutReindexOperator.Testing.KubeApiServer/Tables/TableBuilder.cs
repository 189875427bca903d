using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Tables;

/// <summary>
/// Builds <c>meta.k8s.io/v1</c> Tables: a Name column, then the definition's printer columns (a CRD without
/// any gets Age), with dates shown as ages as the real server does.
/// </summary>
public sealed class TableBuilder(TimeProvider timeProvider)
{
    private static readonly PrinterColumn DefaultAge = new("Age", "date", ".metadata.creationTimestamp");

    public static IReadOnlyList<PrinterColumn> Columns(ResourceDefinition definition) =>
        definition.PrinterColumns.Count > 0 ? definition.PrinterColumns : [DefaultAge];

    /// <summary>A Table of <paramref name="objects"/> with the definition's columns.</summary>
    /// <param name="definition">The resource whose printer columns are used.</param>
    /// <param name="objects">The objects, as shown through the definition.</param>
    /// <param name="includeObject"><c>None</c>, <c>Object</c>, or (default) <c>Metadata</c>.</param>
    /// <param name="withColumnDefinitions">Whether to include the column definitions (a watch sends them only once).</param>
    /// <param name="listMetadata">The list metadata (resourceVersion, continue).</param>
    public JsonObject Build(ResourceDefinition definition, IEnumerable<JsonObject> objects, string? includeObject, bool withColumnDefinitions, JsonObject listMetadata)
    {
        var columns = Columns(definition);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
            ["columnDefinitions"] = withColumnDefinitions ? ColumnDefinitions(columns) : new JsonArray(),
        };
        table["rows"] = new JsonArray(objects.Select(o => (JsonNode)Row(o, columns, includeObject)).ToArray());
        return table;
    }

    private static JsonArray ColumnDefinitions(IReadOnlyList<PrinterColumn> columns)
    {
        var definitions = new JsonArray(new JsonObject
        {
            ["name"] = "Name",
            ["type"] = "string",
            ["format"] = "name",
            ["description"] = "Name must be unique within a namespace.",
            ["priority"] = 0,
        });
        foreach (var column in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type == "date" ? "string" : column.Type,
                ["format"] = column.Type == "date" ? "date" : column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        return definitions;
    }

    private JsonObject Row(JsonObject value, IReadOnlyList<PrinterColumn> columns, string? includeObject)
    {
        var cells = new JsonArray(JsonValue.Create(value["metadata"]?["name"]?.GetValue<string>() ?? ""));
        foreach (var column in columns)
        {
            cells.Add(Cell(value, column));
        }

        var row = new JsonObject { ["cells"] = cells };
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                row["object"] = value.DeepClone();
                break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = value["metadata"]?.DeepClone(),
                };
                break;
        }

        return row;
    }

    private JsonNode? Cell(JsonObject value, PrinterColumn column)
    {
        if (column.Compute is not null)
        {
            return column.Compute(value);
        }

        var results = JsonPathEvaluator.Evaluate(value, column.JsonPath);
        if (results.Count == 0 && column.FallbackJsonPath is not null)
        {
            results = JsonPathEvaluator.Evaluate(value, column.FallbackJsonPath);
        }
        if (column.CountsEntries)
        {
            return JsonValue.Create(results.Count > 0 ? results[0] switch { JsonObject o => o.Count, JsonArray a => a.Count, _ => 0 } : 0);
        }

        if (results.Count == 0)
        {
            return null;
        }

        var first = results[0];
        if (column.Type == "date")
        {
            var text = JsonPathEvaluator.Text(first);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)
                ? JsonValue.Create(HumanDuration.Format(timeProvider.GetUtcNow() - when))
                : JsonValue.Create("<unknown>");
        }

        return column.Type == "string"
            ? JsonValue.Create(string.Join(",", results.Select(JsonPathEvaluator.Text)))
            : first.DeepClone();
    }
}
