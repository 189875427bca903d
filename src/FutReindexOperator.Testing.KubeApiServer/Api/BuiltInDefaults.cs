using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>
/// What the real server fills in for built-in kinds: CRD status (accepted names, Established), a namespace's
/// Active phase, a secret's type and <c>stringData</c> folded into <c>data</c>, a service's cluster IP and port defaults.
/// </summary>
public static class BuiltInDefaults
{
    public static void Apply(ResourceDefinition definition, JsonObject value, JsonObject? old, string now)
    {
        if (definition.StorageKey == BuiltInResources.CustomResourceDefinitions.StorageKey)
        {
            // Reading the served resources validates the CRD before it is stored.
            _ = CustomResourceDefinitions.Read(value);
            var status = CustomResourceDefinitions.EstablishedStatus(value, old?["status"]?["conditions"]?[0]?["lastTransitionTime"]?.GetValue<string>() ?? now);
            value["status"] = status;
        }
        else if (definition.StorageKey == BuiltInResources.Namespaces.StorageKey)
        {
            value["status"] ??= new JsonObject { ["phase"] = "Active" };
        }
        else if (definition.StorageKey == BuiltInResources.Secrets.StorageKey)
        {
            value["type"] ??= "Opaque";
            if (value["stringData"] is JsonObject stringData)
            {
                var data = value["data"] as JsonObject ?? [];
                foreach (var (key, text) in stringData)
                {
                    data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text?.ToString() ?? ""));
                }

                value["data"] = data;
                value.Remove("stringData");
            }
        }
        else if (definition.StorageKey == BuiltInResources.Services.StorageKey)
        {
            var spec = value["spec"] as JsonObject ?? [];
            value["spec"] = spec;
            spec["type"] ??= "ClusterIP";
            spec["clusterIP"] ??= old?["spec"]?["clusterIP"]?.DeepClone() ?? $"10.96.{RandomNumberGenerator.GetInt32(1, 255)}.{RandomNumberGenerator.GetInt32(1, 255)}";
            spec["sessionAffinity"] ??= "None";
            foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]?.DeepClone();
            }

            value["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
    }
}
