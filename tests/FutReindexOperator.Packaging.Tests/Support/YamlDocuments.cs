using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace FutReindexOperator.Packaging.Tests.Support;

/// <summary>Reads YAML into <see cref="JsonNode"/> trees, so that manifests are queried as the API server sees them.</summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization()
        .Build();

    private static readonly ISerializer JsonWriter = new SerializerBuilder().JsonCompatible().Build();

    /// <summary>Every non-empty document of a (possibly multi-document) YAML text.</summary>
    public static IReadOnlyList<JsonObject> ParseAll(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = Deserializer.Deserialize<object?>(parser);
            if (value is not null)
            {
                documents.Add(ToJson(value).AsObject());
            }
        }

        return documents;
    }

    /// <summary>The single document of a YAML text.</summary>
    public static JsonObject Parse(string yaml) => ParseAll(yaml).Single();

    private static JsonNode ToJson(object value) =>
        JsonNode.Parse(JsonWriter.Serialize(value)) ?? throw new InvalidOperationException("A YAML document converted to JSON null.");
}
