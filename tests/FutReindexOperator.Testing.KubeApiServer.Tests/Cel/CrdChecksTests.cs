using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Cel;

/// <summary>A CRD is refused on create, as kube-apiserver refuses it, when its schema or its rules are wrong.</summary>
public sealed class CrdChecksTests : ServerFixture
{
    private const string CrdsPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    protected override bool InstallWidgets => false;

    private static JsonObject Crd(string plural, string specSchema) => (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
          "metadata": { "name": "{{plural}}.example.com" },
          "spec": {
            "group": "example.com", "scope": "Namespaced",
            "names": { "plural": "{{plural}}", "kind": "K{{plural}}" },
            "versions": [{ "name": "v1", "served": true, "storage": true,
              "schema": { "openAPIV3Schema": { "type": "object", "properties": { "spec": {{specSchema}} } } } }]
          }
        }
        """)!;

    private async Task<string> RefusalAsync(JsonObject crd, CancellationToken ct)
    {
        var response = await Http.PostAsync(CrdsPath, crd, ct);
        response.Status.Should().Be(422, response.ToString());
        var stored = await Http.GetAsync($"{CrdsPath}/{crd["metadata"]!["name"]}", ct);
        stored.Status.Should().Be(404, "a refused CRD is not stored");
        return response.Body["message"]!.GetValue<string>();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_rule_with_a_syntax_error_is_refused(CancellationToken ct)
    {
        var message = await RefusalAsync(Crd("syntaxes", """{"type":"object","x-kubernetes-validations":[{"rule":"self =="}]}"""), ct);

        message.Should().StartWith("CustomResourceDefinition.apiextensions.k8s.io \"syntaxes.example.com\" is invalid: spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: apiextensions.ValidationRule{Rule:\"self ==\"")
            .And.Contain("compilation failed: ERROR: <input>:1:8: Syntax error: mismatched input '<EOF>'");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_rule_reading_a_field_the_schema_lacks_is_refused(CancellationToken ct)
    {
        var message = await RefusalAsync(Crd("undefineds", """{"type":"object","properties":{"size":{"type":"integer"}},"x-kubernetes-validations":[{"rule":"self.sise > 0"}]}"""), ct);

        message.Should().Contain("compilation failed: ERROR: <input>:1:6: undefined field 'sise'");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_rule_calling_an_unknown_function_or_variable_is_refused(CancellationToken ct)
    {
        var message = await RefusalAsync(Crd("unknowns", """{"type":"object","x-kubernetes-validations":[{"rule":"frobnicate(self) && other"}]}"""), ct);

        message.Should().Contain("undeclared reference to 'frobnicate' (in container '')").And.Contain("undeclared reference to 'other' (in container '')");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_rule_using_macros_and_known_fields_is_accepted(CancellationToken ct)
    {
        var crd = Crd("accepteds", """{"type":"object","properties":{"a":{"type":"object"},"b":{"type":"object"}},"x-kubernetes-validations":[{"rule":"[has(self.a), has(self.b)].filter(x, x).size() == 1","messageExpression":"'got ' + string(size(self))"}]}""");

        var response = await Http.PostAsync(CrdsPath, crd, ct);

        response.Status.Should().Be(201, response.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task A_schema_with_an_untyped_field_is_not_structural_and_refused(CancellationToken ct)
    {
        var message = await RefusalAsync(Crd("untypeds", """{"type":"object","properties":{"loose":{"description":"no type"}}}"""), ct);

        message.Should().Be("CustomResourceDefinition.apiextensions.k8s.io \"untypeds.example.com\" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[loose].type: Required value: must not be empty for specified object fields");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_type_inside_oneOf_is_not_structural_and_refused(CancellationToken ct)
    {
        var message = await RefusalAsync(Crd("junctors", """{"type":"object","properties":{"a":{"type":"string"}},"oneOf":[{"required":["a"],"type":"object"}]}"""), ct);

        message.Should().Contain("spec.validation.openAPIV3Schema.properties[spec].oneOf[0].type: Forbidden: must be empty to be structural");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_default_that_fails_its_schema_is_refused(CancellationToken ct)
    {
        var message = await RefusalAsync(Crd("defaults", """{"type":"object","properties":{"size":{"type":"integer","minimum":1,"default":0}}}"""), ct);

        message.Should().Contain("spec.validation.openAPIV3Schema.properties[spec].properties[size].default: Invalid value: 0:");
    }
}
