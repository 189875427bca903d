using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// The 403 <c>Status</c> kube-apiserver answers a forbidden request with, word for word:
/// <c>reindexjobs.fhir.fut.dk "x" is forbidden: User "system:serviceaccount:NS:SA" cannot patch resource "reindexjobs/status" in API group "fhir.fut.dk" in the namespace "fut"</c>,
/// <c>... at the cluster scope</c>, or <c>forbidden: User "u" cannot get path "/metrics"</c>; the authorizer's reason, when it has one, follows after a colon.
/// </summary>
public static class ForbiddenResponses
{
    public static ApiException For(RequestAttributes request, string reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = Message(request);
        if (reason.Length > 0)
        {
            message += ": " + reason;
        }

        var details = new JsonObject();
        if (!request.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden", "forbidden: " + message, details);
        }

        var groupResource = request.ApiGroup.Length == 0 ? request.Resource : request.Resource + "." + request.ApiGroup;
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }

        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }

        details["kind"] = request.Resource;
        var subject = request.Name.Length == 0 ? groupResource : $"{groupResource} \"{request.Name}\"";
        return new ApiException(403, "Forbidden", $"{subject} is forbidden: {message}", details);
    }

    /// <summary>The part after <c>is forbidden: </c>, which names the user, verb, resource and scope.</summary>
    public static string Message(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = $"User \"{request.User.Name}\"";
        if (!request.IsResourceRequest)
        {
            return $"{user} cannot {request.Verb} path \"{request.Path}\"";
        }

        var resource = request.Subresource.Length == 0 ? request.Resource : request.Resource + "/" + request.Subresource;
        var scope = request.Namespace.Length == 0 ? "at the cluster scope" : $"in the namespace \"{request.Namespace}\"";
        return $"{user} cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" {scope}";
    }
}
