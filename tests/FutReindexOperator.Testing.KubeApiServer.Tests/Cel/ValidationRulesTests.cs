using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Cel;

/// <summary><c>x-kubernetes-validations</c> rules are evaluated on create, update and status writes, as kube-apiserver does.</summary>
public sealed class ValidationRulesTests : ServerFixture
{
    private const string GizmosPath = "/apis/example.com/v1/namespaces/default/gizmos";

    protected override bool InstallWidgets => false;

    private static JsonObject GizmoCrd() => (JsonObject)JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
          "metadata": { "name": "gizmos.example.com" },
          "spec": {
            "group": "example.com", "scope": "Namespaced",
            "names": { "plural": "gizmos", "singular": "gizmo", "kind": "Gizmo" },
            "versions": [{ "name": "v1", "served": true, "storage": true, "subresources": { "status": {} },
              "schema": { "openAPIV3Schema": { "type": "object", "properties": {
                "spec": { "type": "object",
                  "x-kubernetes-validations": [
                    { "rule": "!has(self.mode) || self.mode != 'bad'", "reason": "FieldValueForbidden", "fieldPath": ".mode", "message": "mode bad is not allowed" }
                  ],
                  "properties": {
                    "frozen": { "type": "string", "x-kubernetes-validations": [{ "rule": "self == oldSelf", "message": "frozen is immutable" }] },
                    "mode": { "type": "string" },
                    "replicas": { "type": "integer", "x-kubernetes-validations": [{ "rule": "self <= 10", "messageExpression": "'replicas ' + string(self) + ' is over 10'" }] },
                    "auth": { "type": "object",
                      "x-kubernetes-validations": [{ "rule": "[has(self.a), has(self.b)].filter(x, x).size() == 1", "message": "set exactly one of a or b" }],
                      "properties": { "a": { "type": "object", "properties": {} }, "b": { "type": "object", "nullable": true, "properties": {} } } },
                    "limits": { "type": "object", "additionalProperties": { "type": "integer",
                      "x-kubernetes-validations": [{ "rule": "self >= 0", "reason": "FieldValueForbidden", "message": "must not be negative" }] } },
                    "name": { "type": "string", "x-kubernetes-validations": [{ "rule": "self.lowerAscii() == self" }] }
                  } },
                "status": { "type": "object",
                  "x-kubernetes-validations": [{ "rule": "!has(self.phase) || self.phase != 'Bogus'", "message": "phase Bogus is not allowed" }],
                  "properties": { "phase": { "type": "string" } } }
              } } }
            }]
          }
        }
        """)!;

    private static JsonObject Gizmo(string name, string spec) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Gizmo",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = JsonNode.Parse(spec),
    };

    private static string Message(ApiResponse response) => response.Body["message"]!.GetValue<string>();

    [OneTimeSetUp]
    public async Task InstallGizmosAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var created = await Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", GizmoCrd(), timeout.Token);
        created.Status.Should().Be(201, created.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task A_create_that_keeps_every_rule_is_accepted(CancellationToken ct)
    {
        var response = await Http.PostAsync(GizmosPath, Gizmo(UniqueName(), """{"frozen":"x","replicas":3,"auth":{"a":{}},"limits":{"cpu":1},"name":"abc"}"""), ct);

        response.Status.Should().Be(201, response.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Has_is_true_for_a_present_key_whose_value_is_empty_as_none_in_our_CRD(CancellationToken ct)
    {
        var withEmpty = await Http.PostAsync(GizmosPath, Gizmo(UniqueName(), """{"auth":{"b":{}}}"""), ct);
        var withNeither = await Http.PostAsync(GizmosPath, Gizmo(UniqueName(), """{"auth":{}}"""), ct);

        withEmpty.Status.Should().Be(201, withEmpty.ToString());
        withNeither.Status.Should().Be(422, withNeither.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task Has_is_false_for_a_property_set_to_null_as_kube_apiserver_reads_a_null_nullable_field_as_absent(CancellationToken ct)
    {
        var withNull = await Http.PostAsync(GizmosPath, Gizmo(UniqueName(), """{"auth":{"a":{},"b":null}}"""), ct);
        var onlyNull = await Http.PostAsync(GizmosPath, Gizmo(UniqueName(), """{"auth":{"b":null}}"""), ct);

        withNull.Status.Should().Be(201, withNull.ToString());
        onlyNull.Status.Should().Be(422, onlyNull.ToString());
        Message(onlyNull).Should().Contain("set exactly one of a or b");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_create_that_breaks_a_rule_is_refused_with_its_message_at_the_rules_field(CancellationToken ct)
    {
        var name = UniqueName();

        var response = await Http.PostAsync(GizmosPath, Gizmo(name, """{"auth":{"a":{},"b":{}}}"""), ct);

        response.Status.Should().Be(422, response.ToString());
        Message(response).Should().Be($"Gizmo.example.com \"{name}\" is invalid: spec.auth: Invalid value: \"object\": set exactly one of a or b");
        response.Body["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.auth");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_rule_without_a_message_reports_the_failed_rule(CancellationToken ct)
    {
        var name = UniqueName();

        var response = await Http.PostAsync(GizmosPath, Gizmo(name, """{"name":"ABC"}"""), ct);

        Message(response).Should().Be($"Gizmo.example.com \"{name}\" is invalid: spec.name: Invalid value: \"string\": failed rule: self.lowerAscii() == self");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_message_expression_computes_the_message(CancellationToken ct)
    {
        var name = UniqueName();

        var response = await Http.PostAsync(GizmosPath, Gizmo(name, """{"replicas":11}"""), ct);

        Message(response).Should().Be($"Gizmo.example.com \"{name}\" is invalid: spec.replicas: Invalid value: \"integer\": replicas 11 is over 10");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_rule_with_a_reason_and_field_path_reports_that_reason_at_that_field(CancellationToken ct)
    {
        var name = UniqueName();

        var response = await Http.PostAsync(GizmosPath, Gizmo(name, """{"mode":"bad"}"""), ct);

        Message(response).Should().Be($"Gizmo.example.com \"{name}\" is invalid: spec.mode: Forbidden: mode bad is not allowed");
        response.Body["details"]!["causes"]![0]!["reason"]!.GetValue<string>().Should().Be("FieldValueForbidden");
    }

    [Test, CancelAfter(20_000)]
    public async Task Rules_of_map_values_are_evaluated_for_every_key(CancellationToken ct)
    {
        var name = UniqueName();

        var response = await Http.PostAsync(GizmosPath, Gizmo(name, """{"limits":{"cpu":1,"memory":-1}}"""), ct);

        Message(response).Should().Be($"Gizmo.example.com \"{name}\" is invalid: spec.limits[memory]: Forbidden: must not be negative");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_transition_rule_refuses_a_change_on_update_but_allows_other_changes(CancellationToken ct)
    {
        var name = UniqueName();
        (await Http.PostAsync(GizmosPath, Gizmo(name, """{"frozen":"x","replicas":1}"""), ct)).Status.Should().Be(201);

        var changed = await Http.PatchAsync($"{GizmosPath}/{name}", """{"spec":{"frozen":"y"}}""", "application/merge-patch+json", ct);
        var other = await Http.PatchAsync($"{GizmosPath}/{name}", """{"spec":{"replicas":2}}""", "application/merge-patch+json", ct);

        changed.Status.Should().Be(422, changed.ToString());
        Message(changed).Should().Be($"Gizmo.example.com \"{name}\" is invalid: spec.frozen: Invalid value: \"string\": frozen is immutable");
        other.Status.Should().Be(200, other.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task A_transition_rule_does_not_apply_to_a_field_the_old_object_lacked(CancellationToken ct)
    {
        var name = UniqueName();
        (await Http.PostAsync(GizmosPath, Gizmo(name, """{"replicas":1}"""), ct)).Status.Should().Be(201);

        var added = await Http.PatchAsync($"{GizmosPath}/{name}", """{"spec":{"frozen":"set-later"}}""", "application/merge-patch+json", ct);

        added.Status.Should().Be(200, added.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task A_status_write_is_checked_against_the_status_rules(CancellationToken ct)
    {
        var name = UniqueName();
        (await Http.PostAsync(GizmosPath, Gizmo(name, """{"replicas":1}"""), ct)).Status.Should().Be(201);

        var bogus = await Http.PatchAsync($"{GizmosPath}/{name}/status", """{"status":{"phase":"Bogus"}}""", "application/merge-patch+json", ct);
        var fine = await Http.PatchAsync($"{GizmosPath}/{name}/status", """{"status":{"phase":"Running"}}""", "application/merge-patch+json", ct);

        bogus.Status.Should().Be(422, bogus.ToString());
        Message(bogus).Should().Be($"Gizmo.example.com \"{name}\" is invalid: status: Invalid value: \"object\": phase Bogus is not allowed");
        fine.Status.Should().Be(200, fine.ToString());
    }

    [Test, CancelAfter(20_000)]
    public async Task A_type_error_in_the_schema_blocks_the_rules_as_in_kube_apiserver(CancellationToken ct)
    {
        var response = await Http.PostAsync(GizmosPath, Gizmo(UniqueName(), """{"replicas":"many"}"""), ct);

        response.Status.Should().Be(422, response.ToString());
        Message(response).Should().Contain("spec.replicas: Invalid value: \"many\": spec.replicas in body must be of type integer")
            .And.Contain("<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid");
    }
}
