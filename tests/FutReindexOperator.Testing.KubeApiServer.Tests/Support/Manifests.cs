using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>The objects tests create: a Widget CRD (namespaced, status subresource, printer columns, schema) and widgets.</summary>
public static class Manifests
{
    public const string WidgetsPath = "/apis/example.com/v1/namespaces/default/widgets";
    public const string GadgetsPath = "/apis/example.com/v1/gadgets";

    public static string WidgetPath(string name) => $"{WidgetsPath}/{name}";

    public static JsonObject WidgetCrd() => (JsonObject)JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "widgets.example.com" },
          "spec": {
            "group": "example.com",
            "scope": "Namespaced",
            "names": { "plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"], "categories": ["all"] },
            "versions": [{
              "name": "v1", "served": true, "storage": true,
              "subresources": { "status": {} },
              "additionalPrinterColumns": [
                { "name": "Size", "type": "integer", "jsonPath": ".spec.size" },
                { "name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status" },
                { "name": "Detail", "type": "string", "jsonPath": ".spec.color", "priority": 1 },
                { "name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp" }
              ],
              "schema": { "openAPIV3Schema": {
                "type": "object",
                "description": "A Widget is a thing for tests.",
                "properties": {
                  "spec": {
                    "type": "object",
                    "description": "Spec says what the widget should be.",
                    "required": ["size"],
                    "properties": {
                      "size": { "type": "integer", "minimum": 1, "maximum": 100, "description": "Size of the widget in units." },
                      "color": { "type": "string", "enum": ["red", "blue"], "default": "red", "description": "Color of the widget." },
                      "code": { "type": "string", "pattern": "^[A-Z]+$", "minLength": 2, "maxLength": 5 },
                      "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 2 },
                      "due": { "type": "string", "format": "date-time" },
                      "extra": { "type": "object", "x-kubernetes-preserve-unknown-fields": true }
                    }
                  },
                  "status": {
                    "type": "object",
                    "properties": {
                      "phase": { "type": "string" },
                      "conditions": { "type": "array", "items": { "type": "object", "properties": { "type": { "type": "string" }, "status": { "type": "string" } } } }
                    }
                  }
                }
              } }
            }]
          }
        }
        """)!;

    public static JsonObject GadgetCrd() => (JsonObject)JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "gadgets.example.com" },
          "spec": {
            "group": "example.com",
            "scope": "Cluster",
            "names": { "plural": "gadgets", "singular": "gadget", "kind": "Gadget" },
            "versions": [{ "name": "v1", "served": true, "storage": true,
              "schema": { "openAPIV3Schema": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } }]
          }
        }
        """)!;

    public static JsonObject Widget(string name, int size = 3, JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? [] },
        ["spec"] = new JsonObject { ["size"] = size },
    };

    /// <summary>Creates the Widget CRD and asserts it is created.</summary>
    public static async Task InstallWidgetsAsync(ApiHttp http, CancellationToken cancellationToken)
    {
        var response = await http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WidgetCrd(), cancellationToken);
        response.Status.Should().Be(201, response.ToString());
    }

    public static async Task<JsonObject> CreateWidgetAsync(ApiHttp http, JsonObject widget, CancellationToken cancellationToken)
    {
        var response = await http.PostAsync(WidgetsPath, widget, cancellationToken);
        response.Status.Should().Be(201, response.ToString());
        return response.Body;
    }
}
