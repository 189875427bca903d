using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Events;

/// <summary>
/// The real server's strict checks for Events created through events.k8s.io/v1 (core/v1 creates stay lenient,
/// as there): the fields every recorder must set, the allowed types, the series rules and the deprecated
/// fields that must stay unset.
/// </summary>
public static class EventValidation
{
    /// <param name="eventsV1">The event as sent, in the events.k8s.io/v1 form.</param>
    /// <param name="definition">The events.k8s.io/v1 definition, named in the failure.</param>
    /// <exception cref="ApiException">422 <c>Invalid</c> listing every failed rule.</exception>
    public static void ValidateCreate(JsonObject eventsV1, ResourceDefinition definition)
    {
        var causes = new List<StatusCause>();
        foreach (var field in new[] { "eventTime", "reportingController", "reportingInstance", "action", "reason" })
        {
            if (eventsV1[field] is not JsonValue value || value.ToString().Length == 0)
            {
                causes.Add(new("FieldValueRequired", field, "Required value"));
            }
        }

        var type = eventsV1["type"]?.ToString() ?? "";
        if (type is not ("Normal" or "Warning"))
        {
            causes.Add(new("FieldValueInvalid", "type", $"Invalid value: \"\": has invalid value: {type}"));
        }

        if (System.Text.Encoding.UTF8.GetByteCount(eventsV1["note"]?.ToString() ?? "") > 1024)
        {
            causes.Add(new("FieldValueTooLong", "note", "Too long: may not be more than 1024 bytes"));
        }

        if (eventsV1["series"] is JsonObject series)
        {
            if (!long.TryParse(series["count"]?.ToString(), out var count) || count < 2)
            {
                causes.Add(new("FieldValueInvalid", "series.count", $"Invalid value: \"\": should be at least 2"));
            }

            if (series["lastObservedTime"] is null)
            {
                causes.Add(new("FieldValueRequired", "series.lastObservedTime", "Required value"));
            }
        }

        foreach (var (field, name) in new[] { ("deprecatedFirstTimestamp", "firstTimestamp"), ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"), ("deprecatedSource", "source") })
        {
            if (eventsV1[field] is JsonNode node && !(node is JsonObject { Count: 0 }) && node.ToString() is not ("" or "0"))
            {
                causes.Add(new("FieldValueInvalid", name, "Invalid value: \"\": needs to be unset"));
            }
        }

        if (causes.Count > 0)
        {
            throw StatusObjects.Invalid(definition, eventsV1["metadata"]?["name"]?.ToString() ?? "", causes);
        }
    }
}
