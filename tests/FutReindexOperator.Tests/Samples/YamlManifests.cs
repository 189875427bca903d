using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace FutReindexOperator.Tests.Samples;

/// <summary>
/// Reads multi-document YAML manifests as the API server would receive them: converted to JSON, so that the types'
/// System.Text.Json converters (durations, enums) apply exactly as for objects read from the API.
/// </summary>
internal static class YamlManifests
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    public static IEnumerable<JsonObject> Load(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (ToJson(Yaml.Deserialize<object?>(parser)) is JsonObject document)
            {
                yield return document;
            }
        }
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(pair => KeyValuePair.Create(Convert.ToString(pair.Key, System.Globalization.CultureInfo.InvariantCulture)!, ToJson(pair.Value)))),
        IList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonSerializer.SerializeToNode(value, value.GetType()),
    };
}
