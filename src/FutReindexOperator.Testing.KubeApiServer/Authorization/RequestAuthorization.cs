using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Auth;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// The authentication and authorization step every API request passes before it is handled, in kube-apiserver's
/// order: the bearer token names the user (401 for an unknown one), impersonation headers may replace it, and RBAC
/// decides (403 with the real server's message). Refusals are kept in <see cref="Denials"/>.
/// </summary>
public sealed class RequestAuthorization(TokenAuthenticator tokens, RbacAuthorizer authorizer, DenialLog denials, TimeProvider timeProvider)
{
    private static readonly object UserKey = new();

    public DenialLog Denials => denials;

    /// <summary>The user an authorized request acts as.</summary>
    public static UserInfo UserOf(HttpContext context) =>
        context.Items.TryGetValue(UserKey, out var user) && user is UserInfo known ? known : UserInfo.Anonymous;

    /// <summary>Authenticates and authorizes the request; afterwards <see cref="UserOf"/> tells who it acts as.</summary>
    /// <exception cref="ApiException">401 Unauthorized, 403 Forbidden, or 500 for a malformed impersonation.</exception>
    public void Authorize(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var caller = tokens.Authenticate(request);
        var user = Impersonation.Apply(request, caller, authorizer.Authorize, Record);
        var attributes = RequestAttributes.Parse(user, request.Method, request.Path.Value ?? "/", request.Query);
        var decision = authorizer.Authorize(attributes);
        if (!decision.Allowed)
        {
            var forbidden = ForbiddenResponses.For(attributes, decision.Reason);
            Record(attributes, forbidden);
            throw forbidden;
        }

        context.Items[UserKey] = user;
    }

    private void Record(RequestAttributes attributes, ApiException forbidden)
    {
        var resource = !attributes.IsResourceRequest
            ? attributes.Path
            : attributes.Resource + (attributes.ApiGroup.Length == 0 ? "" : "." + attributes.ApiGroup) +
              (attributes.Subresource.Length == 0 ? "" : "/" + attributes.Subresource);
        denials.Add(new Denial(timeProvider.GetUtcNow(), attributes.User.Name, attributes.Verb, resource, attributes.Namespace, attributes.Name, forbidden.Message));
    }
}
