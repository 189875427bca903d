using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.OpenApi;

public sealed class OpenApiDocumentsTests : ServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task The_root_index_links_a_document_per_group_version(CancellationToken ct)
    {
        var root = await Http.GetAsync("/openapi/v3", ct);

        var paths = root.Body["paths"]!.AsObject();
        paths.Select(p => p.Key).Should().Contain(["api/v1", "apis/example.com/v1", "apis/coordination.k8s.io/v1", "apis/apiextensions.k8s.io/v1"]);
        paths["apis/example.com/v1"]!["serverRelativeURL"]!.GetValue<string>().Should().StartWith("/openapi/v3/apis/example.com/v1?hash=");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_custom_resource_schema_is_published_from_its_CRD_with_its_group_version_kind(CancellationToken ct)
    {
        var document = await Http.GetAsync("/openapi/v3/apis/example.com/v1", ct);

        var schema = document.Body["components"]!["schemas"]!["com.example.v1.Widget"]!;
        schema["properties"]!["spec"]!["description"]!.GetValue<string>().Should().Be("Spec says what the widget should be.");
        schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>().Should().Be("Widget");
    }

    [Test, CancelAfter(20_000)]
    public async Task Patch_operations_advertise_fieldValidation_so_kubectl_validates_on_the_server(CancellationToken ct)
    {
        var document = await Http.GetAsync("/openapi/v3/apis/example.com/v1", ct);

        var patch = document.Body["paths"]!["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]!;
        patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("fieldValidation");
        patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>().Should().Be("Widget");
        patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key).Should().NotContain("application/strategic-merge-patch+json");
    }

    [Test, CancelAfter(20_000)]
    public async Task Built_in_workload_and_RBAC_kinds_have_documents_whose_patches_leave_strategic_merge_to_kubectls_compiled_in_types(CancellationToken ct)
    {
        var root = await Http.GetAsync("/openapi/v3", ct);
        var apps = await Http.GetAsync("/openapi/v3/apis/apps/v1", ct);

        root.Body["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["apis/apps/v1", "apis/policy/v1", "apis/rbac.authorization.k8s.io/v1"]);
        apps.Body["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]!["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>().Should().Be("Deployment");
        var patch = apps.Body["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("fieldValidation");
        patch["requestBody"]!["content"]!.AsObject().Select(c => c.Key).Should().NotContain("application/strategic-merge-patch+json");
    }
}
