using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Testing.Generators.Schema;

namespace FutReindexOperator.Testing.Generators.Jobs;

/// <summary>
/// Whole ReindexJob objects as JSON, as the API server would store them: metadata (name, namespace, uid, generation,
/// resourceVersion, creation time, annotations, labels) and a spec and status drawn from the CRD's schema.
/// </summary>
public sealed class ReindexJobGen(CrdSchema schema)
{
    /// <summary>Specs the CRD's schema accepts.</summary>
    public Gen<JsonObject> Spec { get; } = SchemaGen.ObjectOf(schema.Spec);

    /// <summary>Statuses the CRD's schema accepts: what a person (or a stale replica) could have written.</summary>
    public Gen<JsonObject> Status { get; } = SchemaGen.ObjectOf(schema.Status);

    /// <summary>Jobs with a schema-valid spec, and a schema-valid status about half the time.</summary>
    public Gen<JsonObject> Job => Gen.Select(Spec, Gen.Null(Status, 0.5), Metadata, (spec, status, metadata) =>
    {
        var job = new JsonObject
        {
            ["apiVersion"] = "fhir.fut.dk/v1alpha1",
            ["kind"] = "ReindexJob",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
        if (status is not null)
        {
            job["status"] = status;
        }

        return job;
    });

    /// <summary>Metadata of a job in namespace <c>fut</c> with a generated name, generation, annotations and labels.</summary>
    public static Gen<JsonObject> Metadata { get; } = Gen.Select(
        SchemaGen.Text(new() { ["pattern"] = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", ["maxLength"] = 63 }),
        Gen.Frequency<long>((4, Gen.Long[1, 5]), (1, Gen.Long[1, long.MaxValue])),
        MetadataGen.Annotations(Gen.Frequency<string?>((1, MetadataGen.RerunToken.Select(token => (string?)token)), (1, Gen.Const<string?>((string?)null)))),
        MetadataGen.Labels,
        SchemaGen.DateTimes,
        (name, generation, annotations, labels, created) => new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "fut",
            ["uid"] = $"uid-{name}",
            ["generation"] = generation,
            ["resourceVersion"] = "7",
            ["creationTimestamp"] = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["annotations"] = new JsonObject([.. annotations.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
            ["labels"] = new JsonObject([.. labels.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
        });
}
