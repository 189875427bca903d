using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Patching;

/// <summary>
/// RFC 6902 JSON patch (add, remove, replace, move, copy, test). A failed <c>test</c> is a 422 like
/// the real server's; a bad pointer is a 422 naming the path.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw StatusObjects.BadRequest("json patch must be an array of operations");
        }

        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw StatusObjects.BadRequest("every json patch operation must be an object");
            }

            var kind = op["op"]?.GetValue<string>() ?? throw StatusObjects.BadRequest("json patch operation is missing \"op\"");
            var path = op["path"]?.GetValue<string>() ?? throw StatusObjects.BadRequest("json patch operation is missing \"path\"");
            switch (kind)
            {
                case "add":
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Remove(root, From(op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    var actual = Get(root, path);
                    if (!JsonNode.DeepEquals(actual, op["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw StatusObjects.BadRequest($"Unexpected kind: {kind}");
            }
        }

        return root["doc"]!;
    }

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw StatusObjects.BadRequest("json patch operation is missing \"from\"");

    private static (JsonNode Parent, string Token) Resolve(JsonObject root, string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw Unprocessable(pointer, "a JSON pointer must start with '/'");
        }

        var tokens = ("/doc" + pointer).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode current = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            current = Child(current, token) ?? throw Unprocessable(pointer, "the path does not exist");
        }

        return (current, tokens[^1]);
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string pointer)
    {
        var (parent, token) = Resolve(root, pointer);
        return parent switch
        {
            JsonObject o when o.ContainsKey(token) => o[token],
            JsonArray when Child(parent, token) is { } child => child,
            _ => throw Unprocessable(pointer, "the path does not exist"),
        };
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, token) = Resolve(root, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Unprocessable(pointer, "the path does not exist");
        }
    }

    private static JsonNode? Remove(JsonObject root, string pointer)
    {
        var (parent, token) = Resolve(root, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                var removed = o[token];
                o.Remove(token);
                return removed;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw Unprocessable(pointer, "the path does not exist");
        }
    }

    private static ApiException Unprocessable(string pointer, string problem) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: {problem}: {pointer}");
}
