using System.Globalization;
using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Sandbox.Simulation;

namespace FutReindexOperator.Sandbox.Cluster;

/// <summary>
/// The extra jobs of <c>--jobs N</c>: spread round-robin over the simulated services, each with that service's sample
/// auth (and Secret) and URL filter, polling as often as the simulated speed makes sense.
/// </summary>
public static class GeneratedJobs
{
    private static readonly Dictionary<string, (string Url, Func<Uri, JsonObject> Auth)> ByService = new(StringComparer.Ordinal)
    {
        ["organization"] = ("Organization?", _ => new JsonObject { ["bearerToken"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "fhir-bearer-token", ["key"] = "token" } } }),
        ["careplan"] = ("CarePlan?status=active", tokenUrl => OAuth2(tokenUrl, "password", "keycloak-reindex-user")),
        ["task"] = ("Task?", tokenUrl => OAuth2(tokenUrl, "client_credentials", "keycloak-reindex-client")),
        ["terminology"] = ("ValueSet?", _ => new JsonObject { ["none"] = new JsonObject() }),
    };

    /// <summary>Job names are <c>generated-001</c>, <c>generated-002</c>, ...</summary>
    public static IReadOnlyList<JsonObject> Create(int count, SimulatedSpeed speed, Uri tokenUrl)
    {
        ArgumentNullException.ThrowIfNull(speed);
        return [.. Enumerable.Range(1, count).Select(number =>
        {
            var service = SimulatedServices.WithSampleJobs[(number - 1) % SimulatedServices.WithSampleJobs.Count];
            var (url, auth) = ByService[service];
            return new JsonObject
            {
                ["apiVersion"] = $"{ReindexJob.ApiGroup}/{ReindexJob.ApiVersionName}",
                ["kind"] = ReindexJob.KindName,
                ["metadata"] = new JsonObject
                {
                    ["name"] = string.Create(CultureInfo.InvariantCulture, $"generated-{number:000}"),
                    ["namespace"] = SandboxOptions.Namespace,
                    ["labels"] = new JsonObject { ["app.kubernetes.io/created-by"] = "fut-reindex-sandbox" },
                },
                ["spec"] = new JsonObject
                {
                    ["target"] = new JsonObject { ["service"] = service },
                    ["urls"] = new JsonArray(url),
                    ["auth"] = auth(tokenUrl),
                    ["polling"] = new JsonObject
                    {
                        ["firstInterval"] = GoDuration.Format(speed.PollInterval),
                        ["maxInterval"] = GoDuration.Format(speed.PollInterval * 2),
                    },
                },
            };
        })];
    }

    private static JsonObject OAuth2(Uri tokenUrl, string grant, string secretName) => new()
    {
        ["oauth2"] = new JsonObject { ["tokenUrl"] = tokenUrl.ToString(), ["grant"] = grant, ["secretName"] = secretName },
    };
}
