using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>Builds <c>Status</c> objects and the standard failures with the real API server's wording.</summary>
public static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ResourceDefinition definition, string name, string? uid)
    {
        var details = Details(definition, name);
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public static ApiException NotFound(ResourceDefinition definition, string name) =>
        new(404, "NotFound", $"{definition.GroupResource} \"{name}\" not found", Details(definition, name));

    public static ApiException NamespaceNotFound(string name) =>
        new(404, "NotFound", $"namespaces \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = "namespaces" });

    public static ApiException AlreadyExists(ResourceDefinition definition, string name) =>
        new(409, "AlreadyExists", $"{definition.GroupResource} \"{name}\" already exists", Details(definition, name));

    public static ApiException Conflict(ResourceDefinition definition, string name) =>
        new(
            409,
            "Conflict",
            $"Operation cannot be fulfilled on {definition.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(definition, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml; got {contentType}");

    public static ApiException Gone(string message) => new(410, "Expired", message);

    /// <summary>A 422 <c>Invalid</c> failure listing every cause, worded like the real server.</summary>
    public static ApiException Invalid(ResourceDefinition definition, string name, IReadOnlyList<StatusCause> causes)
    {
        var parts = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var summary = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = definition.Group,
            ["kind"] = definition.Kind,
            ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["field"] = c.Field,
            }).ToArray()),
        };
        var qualifiedKind = definition.Group.Length == 0 ? definition.Kind : $"{definition.Kind}.{definition.Group}";
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later", new JsonObject
        {
            ["retryAfterSeconds"] = retryAfterSeconds,
        })
        { RetryAfterSeconds = retryAfterSeconds };

    public static ApiException Injected(int code, int retryAfterSeconds) => code switch
    {
        429 => TooManyRequests(retryAfterSeconds),
        409 => new ApiException(409, "Conflict", "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected by a test control)"),
        _ => new ApiException(code, code >= 500 ? "InternalError" : "BadRequest", string.Create(CultureInfo.InvariantCulture, $"Internal error occurred: injected failure with status {code}")),
    };

    private static JsonObject Details(ResourceDefinition definition, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (definition.Group.Length > 0)
        {
            details["group"] = definition.Group;
        }

        details["kind"] = definition.Plural;
        return details;
    }
}
