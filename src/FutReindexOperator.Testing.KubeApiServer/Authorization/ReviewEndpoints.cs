using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Serialization;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// Answers the review resources (<see cref="ReviewResources"/>) for the requesting user: whether it may do one
/// thing (SelfSubjectAccessReview), everything it may do in a namespace (SelfSubjectRulesReview), and who it is
/// (SelfSubjectReview). The answer is the request's body with its <c>status</c> filled in, as kube-apiserver's.
/// </summary>
public sealed class ReviewEndpoints(RbacAuthorizer authorizer)
{
    public async Task HandleAsync(HttpContext context, ResourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(definition);
        if (context.Request.Method != "POST" || context.Request.Path.Value!.TrimEnd('/').EndsWith(definition.Plural, StringComparison.Ordinal) is false)
        {
            throw StatusObjects.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        var review = await ReadAsync(context);
        var user = RequestAuthorization.UserOf(context);
        review["apiVersion"] = definition.ApiVersion;
        review["kind"] = definition.Kind;
        var metadata = review["metadata"] as JsonObject ?? [];
        metadata["creationTimestamp"] = null;
        review["metadata"] = metadata;
        var spec = review["spec"] as JsonObject ?? [];
        review["status"] = definition.Kind switch
        {
            "SelfSubjectAccessReview" => AccessStatus(user, spec),
            "SelfSubjectRulesReview" => RulesStatus(user, spec),
            _ => new JsonObject { ["userInfo"] = UserInfoJson(user) },
        };
        await JsonResponses.WriteAsync(context, 201, review);
    }

    private JsonObject AccessStatus(UserInfo user, JsonObject spec)
    {
        var resource = spec["resourceAttributes"] as JsonObject;
        var nonResource = spec["nonResourceAttributes"] as JsonObject;
        if ((resource is null) == (nonResource is null))
        {
            throw Invalid("SelfSubjectAccessReview", "spec.resourceAttributes", "exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var attributes = resource is not null
            ? new RequestAttributes(user, Text(resource, "verb"), true, "")
            {
                ApiGroup = Text(resource, "group"),
                ApiVersion = Text(resource, "version"),
                Resource = Text(resource, "resource"),
                Subresource = Text(resource, "subresource"),
                Namespace = Text(resource, "namespace"),
                Name = Text(resource, "name"),
            }
            : new RequestAttributes(user, Text(nonResource!, "verb"), false, Text(nonResource!, "path"));
        var decision = authorizer.Authorize(attributes);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        return status;
    }

    private JsonObject RulesStatus(UserInfo user, JsonObject spec)
    {
        var ns = Text(spec, "namespace");
        if (user.IsInGroup(UserInfo.Masters))
        {
            return new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject { ["verbs"] = Strings(["*"]), ["apiGroups"] = Strings(["*"]), ["resources"] = Strings(["*"]) }),
                ["nonResourceRules"] = new JsonArray(new JsonObject { ["verbs"] = Strings(["*"]), ["nonResourceURLs"] = Strings(["*"]) }),
                ["incomplete"] = false,
            };
        }

        var (rules, errors) = authorizer.Policy().RulesFor(user, ns);
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in rules)
        {
            if (rule.Resources is { Count: > 0 })
            {
                var entry = new JsonObject { ["verbs"] = Strings(rule.Verbs), ["apiGroups"] = Strings(rule.ApiGroups), ["resources"] = Strings(rule.Resources) };
                if (rule.ResourceNames is { Count: > 0 })
                {
                    entry["resourceNames"] = Strings(rule.ResourceNames);
                }

                resourceRules.Add(entry);
            }

            if (rule.NonResourceURLs is { Count: > 0 })
            {
                nonResourceRules.Add(new JsonObject { ["verbs"] = Strings(rule.Verbs), ["nonResourceURLs"] = Strings(rule.NonResourceURLs) });
            }
        }

        var status = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = errors.Count > 0 };
        if (errors.Count > 0)
        {
            status["evaluationError"] = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
        }

        return status;
    }

    private static JsonObject UserInfoJson(UserInfo user) => new() { ["username"] = user.Name, ["groups"] = Strings(user.Groups) };

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        if ((context.Request.ContentType ?? "").StartsWith(ProtobufBodies.ContentType, StringComparison.Ordinal))
        {
            using var bytes = new MemoryStream();
            await context.Request.Body.CopyToAsync(bytes, context.RequestAborted);
            return ProtobufBodies.Decode(bytes.ToArray());
        }

        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw StatusObjects.BadRequest("the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw StatusObjects.BadRequest($"error decoding JSON: {e.Message}");
        }
    }

    private static string Text(JsonObject node, string field) =>
        node[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private static JsonArray Strings(IEnumerable<string>? values) => new([.. (values ?? []).Select(v => (JsonNode)v)]);

    private static ApiException Invalid(string kind, string field, string detail) =>
        new(422, "Invalid", $"{kind}.authorization.k8s.io \"\" is invalid: {field}: Invalid value: \"null\": {detail}", new JsonObject
        {
            ["group"] = "authorization.k8s.io",
            ["kind"] = kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = $"Invalid value: \"null\": {detail}", ["field"] = field }),
        });
}
