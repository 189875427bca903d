using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Events;

/// <summary>
/// Converts Events between core/v1 (the stored form) and events.k8s.io/v1, field by field as the real
/// server's conversion does, so one store is seen through both APIs.
/// </summary>
public static class EventConversion
{
    // core/v1 name -> events.k8s.io/v1 name
    private static readonly (string Core, string Events)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    private static readonly HashSet<string> Kept =
        new(["metadata", "eventTime", "series", "reportingInstance", "action", "reason", "related", "type"], StringComparer.Ordinal);

    public static JsonObject ToEventsV1(JsonObject core) => Rename(core, "events.k8s.io/v1", r => r.Core, r => r.Events);

    public static JsonObject ToCore(JsonObject eventsV1) => Rename(eventsV1, "v1", r => r.Events, r => r.Core);

    /// <summary>Maps an events.k8s.io/v1 field selector path to the stored core/v1 path.</summary>
    public static string CorePath(string path)
    {
        foreach (var (core, events) in Renames)
        {
            if (path == events || path.StartsWith(events + ".", StringComparison.Ordinal))
            {
                return core + path[events.Length..];
            }
        }

        return path;
    }

    private static JsonObject Rename(
        JsonObject source,
        string apiVersion,
        Func<(string Core, string Events), string> from,
        Func<(string Core, string Events), string> to)
    {
        var result = new JsonObject { ["kind"] = "Event", ["apiVersion"] = apiVersion };
        foreach (var (name, value) in source)
        {
            if (Kept.Contains(name))
            {
                result[name] = value?.DeepClone();
                continue;
            }

            foreach (var rename in Renames)
            {
                if (from(rename) == name)
                {
                    result[to(rename)] = value?.DeepClone();
                }
            }
        }

        return result;
    }
}
