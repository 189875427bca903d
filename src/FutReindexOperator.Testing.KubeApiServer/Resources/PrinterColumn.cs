using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>A column of the server-side table, as a CRD's <c>additionalPrinterColumns</c> entry declares it.</summary>
/// <param name="Name">Header shown by kubectl.</param>
/// <param name="Type">OpenAPI type: string, integer, number, boolean or date.</param>
/// <param name="JsonPath">Simple JSONPath into the object, for example <c>.status.phase</c>.</param>
/// <param name="Priority">0 for the default view; greater values only with <c>-o wide</c>.</param>
/// <param name="Description">Shown by kubectl explain-like tools; optional.</param>
/// <param name="Format">OpenAPI format of the values, for example <c>int64</c>; optional.</param>
/// <param name="FallbackJsonPath">Used when <paramref name="JsonPath"/> finds nothing (built-in columns only).</param>
/// <param name="CountsEntries">Shows how many entries the object or list at the path has (built-in columns only).</param>
/// <param name="Compute">
/// Computes the cell from the whole object instead of <paramref name="JsonPath"/>, for the built-in columns the real
/// server prints from several fields (for example a Deployment's <c>READY</c> as <c>ready/desired</c>).
/// </param>
public sealed record PrinterColumn(
    string Name,
    string Type,
    string JsonPath,
    int Priority = 0,
    string Description = "",
    string Format = "",
    string? FallbackJsonPath = null,
    bool CountsEntries = false,
    Func<JsonObject, JsonNode?>? Compute = null);
