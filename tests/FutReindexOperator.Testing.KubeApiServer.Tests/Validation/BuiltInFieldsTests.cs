using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Validation;
using k8s.Models;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Validation;

public sealed class BuiltInFieldsTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Test]
    public void PruneUnknown_NestedInAListItem_RemovesAndNamesItWithItsIndex()
    {
        var service = Parse("""{"apiVersion":"v1","kind":"Service","spec":{"typo":1,"ports":[{"port":80,"targetPort":"http","extra":"x"}]}}""");

        var unknown = BuiltInFields.PruneUnknown(service, typeof(V1Service));

        unknown.Should().Equal("spec.typo", "spec.ports[0].extra");
        service.ToJsonString().Should().Be("""{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"targetPort":"http"}]}}""");
    }

    [Test]
    public void PruneUnknown_KeysOfMaps_AreData()
    {
        var configMap = Parse("""{"metadata":{"name":"c","labels":{"any.key/x":"1"}},"data":{"weird.key":"v"}}""");

        BuiltInFields.PruneUnknown(configMap, typeof(V1ConfigMap)).Should().BeEmpty();
    }

    [Test]
    public void PruneUnknown_DeepInAPodTemplate_NamesTheFullPath()
    {
        var deployment = Parse("""
            {"spec":{"template":{"spec":{"containers":[{"name":"a","image":"b","resources":{"limits":{"cpu":"1"}}},{"name":"c","imagee":"d"}]}}}}
            """);

        BuiltInFields.PruneUnknown(deployment, typeof(V1Deployment)).Should().Equal("spec.template.spec.containers[1].imagee");
    }

    [Test]
    public void PruneUnknown_ASchemaInACrd_KeepsItsExtensions()
    {
        var crd = Parse("""
            {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
              "properties":{"spec":{"type":"object","default":{},"x-kubernetes-validations":[{"rule":"self == oldSelf","message":"m"}]}}}}}]}}
            """);

        BuiltInFields.PruneUnknown(crd, typeof(V1CustomResourceDefinition)).Should().BeEmpty();
    }
}
