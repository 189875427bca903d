using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Events;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>Shows stored objects through a definition's API version, and reads request bodies into the stored form.</summary>
public static class ObjectPresenter
{
    public static JsonObject Present(StoredObject stored, ResourceDefinition definition) => Present(stored.ToNode(), definition);

    public static JsonObject Present(JsonObject stored, ResourceDefinition definition)
    {
        if (definition.View == ObjectView.EventsV1)
        {
            return EventConversion.ToEventsV1(stored);
        }

        stored["apiVersion"] = definition.ApiVersion;
        stored["kind"] = definition.Kind;
        return stored;
    }

    /// <summary>Writes the object as <see cref="Present(StoredObject, ResourceDefinition)"/> would show it, without copying when possible.</summary>
    public static void Write(Utf8JsonWriter writer, StoredObject stored, ResourceDefinition definition)
    {
        if (definition.View == ObjectView.Native &&
            stored.Json.TryGetProperty("apiVersion", out var apiVersion) &&
            apiVersion.ValueEquals(definition.ApiVersion))
        {
            stored.Json.WriteTo(writer);
            return;
        }

        Present(stored, definition).WriteTo(writer);
    }

    /// <summary>Reads a body in the definition's form into the stored form.</summary>
    public static JsonObject ToStored(JsonObject body, ResourceDefinition definition)
    {
        if (definition.View == ObjectView.EventsV1)
        {
            return EventConversion.ToCore(body);
        }

        var stored = new JsonObject { ["apiVersion"] = definition.ApiVersion, ["kind"] = definition.Kind };
        foreach (var (name, value) in body.ToList())
        {
            if (name is not ("apiVersion" or "kind"))
            {
                body.Remove(name);
                stored[name] = value;
            }
        }

        return stored;
    }
}
