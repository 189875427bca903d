using System.Text.Json;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

/// <summary>Reads and writes a <see cref="TimeSpan"/> as a Kubernetes duration string (see <see cref="GoDuration"/>).</summary>
public sealed class GoDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return GoDuration.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text}' is not a duration; expected for example 30s, 5m or 1h30m.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
        => writer.WriteStringValue(GoDuration.Format(value));
}
