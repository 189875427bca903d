using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Authorization;

public sealed class AuthorizationEndpointTests : ServerFixture
{
    private const string Group = "rbac.authorization.k8s.io";

    [Test, CancelAfter(30_000)]
    public async Task A_request_without_a_token_is_anonymous_and_refused_with_kube_apiservers_status(CancellationToken ct)
    {
        using var anonymous = new ApiHttp(Server.BaseAddress);

        var response = await anonymous.GetAsync(Manifests.WidgetsPath, ct);

        response.Status.Should().Be(403);
        JsonNode.DeepEquals(response.Body, JsonNode.Parse("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"widgets.example.com is forbidden: User \"system:anonymous\" cannot list resource \"widgets\" in API group \"example.com\" in the namespace \"default\"",
             "reason":"Forbidden","details":{"group":"example.com","kind":"widgets"},"code":403}
            """)).Should().BeTrue(response.Text);
    }

    [Test, CancelAfter(30_000)]
    public async Task Health_and_version_are_public_but_discovery_needs_authentication(CancellationToken ct)
    {
        using var anonymous = new ApiHttp(Server.BaseAddress);

        (await anonymous.GetAsync("/healthz", ct)).Status.Should().Be(200);
        (await anonymous.GetAsync("/version", ct)).Status.Should().Be(200);
        var discovery = await anonymous.GetAsync("/apis", ct);
        discovery.Status.Should().Be(403);
        discovery.Body["message"]!.GetValue<string>().Should().Be("forbidden: User \"system:anonymous\" cannot get path \"/apis\"");
        (await Http.GetAsync("/apis", ct)).Status.Should().Be(200);
    }

    [Test, CancelAfter(30_000)]
    public async Task An_unknown_token_is_401_Unauthorized(CancellationToken ct)
    {
        using var stranger = new ApiHttp(Server.BaseAddress, "not-a-token-this-server-issued");

        var response = await stranger.GetAsync("/healthz", ct);

        response.Status.Should().Be(401);
        response.Body["reason"]!.GetValue<string>().Should().Be("Unauthorized");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_service_account_token_works_only_while_the_account_exists(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        using var account = ServiceAccountHttp(ns, "worker");

        (await account.GetAsync("/apis", ct)).Status.Should().Be(401);
        await CreateServiceAccountAsync(ns, "worker", ct);
        (await account.GetAsync("/apis", ct)).Status.Should().Be(200, "system:discovery is bound to system:authenticated");
        (await Http.DeleteAsync($"/api/v1/namespaces/{ns}/serviceaccounts/worker", ct)).Status.Should().Be(200);
        (await account.GetAsync("/apis", ct)).Status.Should().Be(401);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_role_binding_grants_its_rules_and_a_status_patch_needs_its_own_rule(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        await GrantAsync(ns, "worker", """[{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["get","list","watch","create","patch"]}]""", ct);
        using var worker = ServiceAccountHttp(ns, "worker");
        var widgets = $"/apis/example.com/v1/namespaces/{ns}/widgets";

        (await worker.PostAsync(widgets, Manifests.Widget("w1"), ct)).Status.Should().Be(201);
        (await worker.PatchAsync($"{widgets}/w1", """{"spec":{"size":2}}""", "application/merge-patch+json", ct)).Status.Should().Be(200);
        var statusPatch = await worker.PatchAsync($"{widgets}/w1/status", """{"status":{"phase":"x"}}""", "application/merge-patch+json", ct);

        statusPatch.Status.Should().Be(403);
        JsonNode.DeepEquals(statusPatch.Body, JsonNode.Parse($$"""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"widgets.example.com \"w1\" is forbidden: User \"system:serviceaccount:{{ns}}:worker\" cannot patch resource \"widgets/status\" in API group \"example.com\" in the namespace \"{{ns}}\"",
             "reason":"Forbidden","details":{"name":"w1","group":"example.com","kind":"widgets"},"code":403}
            """)).Should().BeTrue(statusPatch.Text);
        Server.Denials.For($"system:serviceaccount:{ns}:worker").Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Verb = "patch", Resource = "widgets.example.com/status", Namespace = ns, Name = "w1" });
    }

    [Test, CancelAfter(30_000)]
    public async Task A_namespaced_grant_does_not_reach_across_namespaces(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        await GrantAsync(ns, "worker", """[{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["list"]}]""", ct);
        using var worker = ServiceAccountHttp(ns, "worker");

        (await worker.GetAsync($"/apis/example.com/v1/namespaces/{ns}/widgets", ct)).Status.Should().Be(200);
        var everywhere = await worker.GetAsync("/apis/example.com/v1/widgets", ct);

        everywhere.Status.Should().Be(403);
        everywhere.Body["message"]!.GetValue<string>().Should().Be(
            $"widgets.example.com is forbidden: User \"system:serviceaccount:{ns}:worker\" cannot list resource \"widgets\" in API group \"example.com\" at the cluster scope");
    }

    [Test, CancelAfter(30_000)]
    public async Task Deleting_the_binding_revokes_the_grant_at_once(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        await GrantAsync(ns, "worker", """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["list"]}]""", ct);
        using var worker = ServiceAccountHttp(ns, "worker");
        (await worker.GetAsync($"/api/v1/namespaces/{ns}/configmaps", ct)).Status.Should().Be(200);

        (await Http.DeleteAsync($"/apis/{Group}/v1/namespaces/{ns}/rolebindings/worker", ct)).Status.Should().Be(200);

        (await worker.GetAsync($"/api/v1/namespaces/{ns}/configmaps", ct)).Status.Should().Be(403);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_binding_to_a_missing_role_is_named_in_the_refusal(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        (await Http.PostAsync($"/apis/{Group}/v1/namespaces/{ns}/rolebindings", Binding(ns, "dangling", "Role", "missing", "worker"), ct)).Status.Should().Be(201);
        using var worker = ServiceAccountHttp(ns, "worker");

        var response = await worker.GetAsync($"/api/v1/namespaces/{ns}/configmaps", ct);

        response.Body["message"]!.GetValue<string>().Should().EndWith(
            $"cannot list resource \"configmaps\" in API group \"\" in the namespace \"{ns}\": RBAC: role.rbac.authorization.k8s.io \"missing\" not found");
    }

    [Test, CancelAfter(30_000)]
    public async Task The_admin_acts_as_a_service_account_by_impersonation(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets");
        request.Headers.Add("Impersonate-User", $"system:serviceaccount:{ns}:worker");

        using var response = await Http.Client.SendAsync(request, ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

        ((int)response.StatusCode).Should().Be(403);
        body["message"]!.GetValue<string>().Should().Be(
            $"secrets is forbidden: User \"system:serviceaccount:{ns}:worker\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"");
    }

    [Test, CancelAfter(30_000)]
    public async Task Impersonation_needs_the_impersonate_verb(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        using var bob = new ApiHttp(Server.BaseAddress, Server.TokenFor(UserInfo.User("bob")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Add("Impersonate-User", $"system:serviceaccount:{ns}:worker");

        using var response = await bob.Client.SendAsync(request, ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

        ((int)response.StatusCode).Should().Be(403);
        body["message"]!.GetValue<string>().Should().Be(
            $"serviceaccounts \"worker\" is forbidden: User \"bob\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"{ns}\"");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_self_subject_access_review_answers_for_the_caller(CancellationToken ct)
    {
        var ns = await NamespaceAsync(ct);
        await CreateServiceAccountAsync(ns, "worker", ct);
        await GrantAsync(ns, "worker", """[{"apiGroups":["example.com"],"resources":["widgets/status"],"verbs":["patch"]}]""", ct);
        using var worker = ServiceAccountHttp(ns, "worker");
        JsonObject Review(string verb, string subresource) => new()
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = new JsonObject { ["namespace"] = ns, ["verb"] = verb, ["group"] = "example.com", ["resource"] = "widgets", ["subresource"] = subresource } },
        };

        var allowed = await worker.PostAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("patch", "status"), ct);
        var denied = await worker.PostAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("patch", ""), ct);

        allowed.Status.Should().Be(201);
        allowed.Body["status"]!["allowed"]!.GetValue<bool>().Should().BeTrue();
        allowed.Body["status"]!["reason"]!.GetValue<string>().Should().Be($"RBAC: allowed by RoleBinding \"worker/{ns}\" of Role \"worker\" to ServiceAccount \"worker/{ns}\"");
        denied.Body["status"]!["allowed"]!.GetValue<bool>().Should().BeFalse();
    }

    private ApiHttp ServiceAccountHttp(string ns, string name) => new(Server.BaseAddress, Server.TokenFor(UserInfo.ServiceAccount(ns, name)));

    private async Task<string> NamespaceAsync(CancellationToken ct)
    {
        var ns = UniqueName("ns");
        (await Http.PostAsync("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, ct)).Status.Should().Be(201);
        return ns;
    }

    private async Task CreateServiceAccountAsync(string ns, string name, CancellationToken ct) =>
        (await Http.PostAsync($"/api/v1/namespaces/{ns}/serviceaccounts", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, ct)).Status.Should().Be(201);

    /// <summary>A Role named after the account with <paramref name="rules"/>, bound to it.</summary>
    private async Task GrantAsync(string ns, string account, string rules, CancellationToken ct)
    {
        var role = new JsonObject { ["metadata"] = new JsonObject { ["name"] = account }, ["rules"] = JsonNode.Parse(rules) };
        (await Http.PostAsync($"/apis/{Group}/v1/namespaces/{ns}/roles", role, ct)).Status.Should().Be(201);
        (await Http.PostAsync($"/apis/{Group}/v1/namespaces/{ns}/rolebindings", Binding(ns, account, "Role", account, account), ct)).Status.Should().Be(201);
    }

    private static JsonObject Binding(string ns, string name, string kind, string role, string account) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["roleRef"] = new JsonObject { ["apiGroup"] = Group, ["kind"] = kind, ["name"] = role },
        ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = account, ["namespace"] = ns }),
    };
}
