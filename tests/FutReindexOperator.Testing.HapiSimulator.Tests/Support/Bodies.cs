using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Support;

/// <summary>Request bodies.</summary>
public static class Bodies
{
    /// <summary>A Parameters body with one <c>url</c> per argument.</summary>
    public static string Urls(params string[] urls) => Parameters([.. urls.Select(url => ("url", "valueString", (JsonNode)url))]);

    /// <summary>A Parameters body from (name, value key, value) triples.</summary>
    public static string Parameters(params (string Name, string ValueKey, JsonNode Value)[] parameters) => new JsonObject
    {
        ["resourceType"] = "Parameters",
        ["parameter"] = new JsonArray([.. parameters.Select(parameter => new JsonObject { ["name"] = parameter.Name, [parameter.ValueKey] = parameter.Value.DeepClone() })]),
    }.ToJsonString();
}
