using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Validation;

public sealed class ValidationEndpointTests : ServerFixture
{
    [Test, CancelAfter(20_000)]
    public async Task An_invalid_custom_resource_gets_422_Invalid_with_causes_naming_the_fields(CancellationToken ct)
    {
        var widget = Manifests.Widget("bad-one", 0);
        widget["spec"]!["color"] = "green";

        var response = await Http.PostAsync(Manifests.WidgetsPath, widget, ct);

        response.Status.Should().Be(422, response.ToString());
        response.Body["reason"]!.GetValue<string>().Should().Be("Invalid");
        response.Body["details"]!["kind"]!.GetValue<string>().Should().Be("Widget");
        response.Body["details"]!["group"]!.GetValue<string>().Should().Be("example.com");
        response.Body["message"]!.GetValue<string>().Should().StartWith("Widget.example.com \"bad-one\" is invalid: [");
        response.Body["details"]!["causes"]!.AsArray().Select(c => (c!["reason"]!.GetValue<string>(), c["field"]!.GetValue<string>()))
            .Should().BeEquivalentTo([("FieldValueInvalid", "spec.size"), ("FieldValueNotSupported", "spec.color")]);
    }

    [Test, CancelAfter(20_000)]
    public async Task Defaults_are_applied_and_unknown_fields_pruned_with_a_warning(CancellationToken ct)
    {
        var widget = Manifests.Widget("pruned-one");
        widget["spec"]!["flavour"] = "mint";

        var response = await Http.PostAsync(Manifests.WidgetsPath + "?fieldValidation=Warn", widget, ct);

        response.Status.Should().Be(201, response.ToString());
        response.Body["spec"]!["color"]!.GetValue<string>().Should().Be("red");
        response.Body["spec"]!.AsObject().ContainsKey("flavour").Should().BeFalse();
        response.Headers.GetValues("Warning").Should().ContainSingle().Which.Should().Contain("unknown field \\\"spec.flavour\\\"");
    }

    [Test, CancelAfter(20_000)]
    public async Task Strict_field_validation_refuses_unknown_fields(CancellationToken ct)
    {
        var widget = Manifests.Widget("strict-one");
        widget["spec"]!["flavour"] = "mint";

        var response = await Http.PostAsync(Manifests.WidgetsPath + "?fieldValidation=Strict", widget, ct);

        response.Status.Should().Be(400, response.ToString());
        response.Body["message"]!.GetValue<string>().Should().Contain("strict decoding error: unknown field \"spec.flavour\"");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_name_that_is_not_a_DNS_subdomain_is_invalid(CancellationToken ct)
    {
        var response = await Http.PostAsync(Manifests.WidgetsPath, Manifests.Widget("Not_Valid"), ct);

        response.Status.Should().Be(422, response.ToString());
        response.Body["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("metadata.name");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_CRD_whose_name_does_not_match_its_names_is_invalid(CancellationToken ct)
    {
        var crd = Manifests.GadgetCrd();
        crd["metadata"]!["name"] = "wrong.example.com";

        var response = await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd, ct);

        response.Status.Should().Be(422, response.ToString());
        response.Body["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("metadata.name");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_CRD_with_wrongly_typed_names_is_invalid_not_a_server_error(CancellationToken ct)
    {
        var crd = Manifests.GadgetCrd();
        crd["spec"]!["names"]!["plural"] = 5;

        var response = await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd, ct);

        response.Status.Should().Be(422, response.ToString());
        response.Body["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.names.plural");
    }
}
