using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using k8s;

namespace FutReindexOperator.Decisions;

/// <summary>
/// The one answer to "did the status change?": the JSON merge patch (RFC 7386) from the status a decision read to the one
/// it built, the members that differ, and an explicit null for each value the new status clears, nested ones included (a
/// merge patch leaves alone what it does not name). Empty when nothing changed: the decision then asks for no write
/// (<see cref="DecisionContext"/>), and the shell sends none (<c>JobStatusWrites</c>).
/// </summary>
public static class StatusPatch
{
    public static JsonObject Between(ReindexJobStatus? current, ReindexJobStatus desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var from = current is null ? [] : ToObject(current);
        return Diff(from, ToObject(desired));
    }

    private static JsonObject ToObject(ReindexJobStatus status)
        => JsonNode.Parse(KubernetesJson.Serialize(status)) as JsonObject ?? [];

    private static JsonObject Diff(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in to)
        {
            if (value is null)
            {
                continue;
            }

            var old = from[name];
            if (value is JsonObject toChild && old is JsonObject fromChild)
            {
                var child = Diff(fromChild, toChild);
                if (child.Count > 0)
                {
                    patch[name] = child;
                }
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[name] = value.DeepClone();
            }
        }

        foreach (var (name, value) in from)
        {
            if (value is not null && to[name] is null)
            {
                patch[name] = null;
            }
        }

        return patch;
    }
}
