using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Discovery;

/// <summary>
/// The legacy discovery documents (<c>/api</c>, <c>/api/v1</c>, <c>/apis</c>, <c>/apis/{group}</c>,
/// <c>/apis/{group}/{version}</c>), built from the resources served at the time of the request.
/// </summary>
public sealed class DiscoveryDocuments(ResourceRegistry registry)
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "33",
        ["emulationMajor"] = "1",
        ["emulationMinor"] = "33",
        ["minCompatibilityMajor"] = "1",
        ["minCompatibilityMinor"] = "32",
        ["gitVersion"] = "v1.33.0",
        ["gitCommit"] = "60a317eadfcb839692a68eab88b2096f4d708f4f",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-23T13:00:53Z",
        ["goVersion"] = "go1.24.2",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    public JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.All.Where(d => d.Group.Length > 0).Select(d => d.Group).Distinct().Select(g => (JsonNode)Group(g)!).ToArray()),
    };

    /// <summary>The APIGroup document, or null when no resource of the group is served.</summary>
    public JsonObject? Group(string group)
    {
        var versions = registry.GroupVersions(group).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        JsonObject VersionEntry(string version) => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)VersionEntry(v)).ToArray()),
            ["preferredVersion"] = VersionEntry(versions[0]),
        };
    }

    /// <summary>The APIResourceList of a group version, or null when nothing is served there.</summary>
    public JsonObject? Resources(string group, string version)
    {
        var definitions = registry.All.Where(d => d.Group == group && d.Version == version).ToList();
        if (definitions.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var definition in definitions)
        {
            var resource = new JsonObject
            {
                ["name"] = definition.Plural,
                ["singularName"] = definition.Singular,
                ["namespaced"] = definition.Namespaced,
                ["kind"] = definition.Kind,
                ["verbs"] = Strings(definition.Verbs),
            };
            if (definition.ShortNames.Count > 0)
            {
                resource["shortNames"] = Strings(definition.ShortNames);
            }

            if (definition.Categories.Count > 0)
            {
                resource["categories"] = Strings(definition.Categories);
            }

            resources.Add(resource);
            if (definition.HasStatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = definition.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = definition.Namespaced,
                    ["kind"] = definition.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
