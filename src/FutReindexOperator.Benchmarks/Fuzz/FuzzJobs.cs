using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Testing.Generators.Jobs;
using FutReindexOperator.Testing.Generators.Schema;

namespace FutReindexOperator.Benchmarks.Fuzz;

/// <summary>
/// The ReindexJobs of a fuzz run: drawn from the CRD's schema by the same generator as the property tests (so every
/// field, extreme durations, long annotations and labels), then pointed at the run's world where a job could not
/// otherwise reach a server: mostly at one of its Services (sometimes through an odd but equivalent base path, sometimes
/// at a Service that does not exist), with credentials from its Secrets (some with odd bytes), and mostly with short
/// polling so that runs end within the window. Deterministic for a seed.
/// </summary>
public static class FuzzJobs
{
    /// <summary>The Secret of odd tokens in every namespace, and its keys.</summary>
    public const string OddSecret = "odd-tokens";

    public static readonly IReadOnlyDictionary<string, byte[]> OddTokens = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["newline"] = Encoding.UTF8.GetBytes("abc\ndef"),
        ["not-utf8"] = [0xff, 0xfe, 0x00, 0x41],
        ["spaces"] = Encoding.UTF8.GetBytes("  token-with-spaces  "),
        ["long"] = Encoding.UTF8.GetBytes(new string('t', 64 * 1024)),
        ["empty"] = [],
        ["unicode"] = Encoding.UTF8.GetBytes("tøken-中文"),
    };

    /// <summary>Job <paramref name="index"/> of a run with <paramref name="seed"/> in <paramref name="world"/>.</summary>
    public static JsonObject Create(ReindexJobGen generator, BenchWorld world, int seed, int index)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(world);
        var pcg = new PCG((uint)index, (ulong)(uint)seed);
        var random = new Random(HashCode.Combine(seed, index));
        var job = generator.Job.Generate(pcg, null!, out _);
        job.Remove("status");
        var target = world.TargetOf(index);
        var metadata = (JsonObject)job["metadata"]!;
        metadata["name"] = BenchWorld.JobName(index);
        metadata["namespace"] = target.Namespace;
        foreach (var key in new[] { "uid", "generation", "resourceVersion", "creationTimestamp" })
        {
            metadata.Remove(key);
        }

        var spec = (JsonObject)job["spec"]!;
        spec["target"] = Target(target.Service, random);
        spec["auth"] = Auth(world, random);
        var polling = random.NextDouble();
        if (polling >= 0.75 && polling < 0.99 && spec["polling"] is JsonObject generated)
        {
            // The generated extremes stay in the other fields; a short first poll lets the job end and free its slot.
            generated["firstInterval"] = "200ms";
        }
        else if (polling < 0.75)
        {
            spec["polling"] = new JsonObject
            {
                ["firstInterval"] = "200ms",
                ["maxInterval"] = "400ms",
                ["jitterPercent"] = random.Next(0, 101),
                ["deadline"] = "2h",
                ["stallTimeout"] = "1h",
                ["errorGracePeriod"] = "1s",
            };
        }

        return job;
    }

    private static JsonObject Target(string service, Random random)
    {
        var basePath = $"/{service}/fhir";
        var roll = random.NextDouble();
        return new JsonObject
        {
            ["service"] = roll < 0.03 ? "absent-service" : service,
            ["basePath"] = random.Next(6) switch
            {
                0 => basePath + "/.",
                1 => $"/x/..{basePath}",
                2 => $"/{service}/./fhir",
                3 => basePath + "/",
                _ => basePath,
            },
        };
    }

    private static JsonObject Auth(BenchWorld world, Random random) => random.Next(20) switch
    {
        < 10 => Bearer(BenchWorld.TokenSecret, "token"),
        < 13 => Bearer(OddSecret, OddTokens.Keys.ElementAt(random.Next(OddTokens.Count))),
        < 15 => new JsonObject { ["oauth2"] = new JsonObject { ["tokenUrl"] = world.Simulator.TokenUrl.ToString(), ["secretName"] = BenchWorld.OAuthSecret } },
        < 17 => new JsonObject { ["none"] = new JsonObject() },
        < 19 => Bearer("missing-secret", "token"),
        _ => Bearer(BenchWorld.TokenSecret, "missing-key"),
    };

    private static JsonObject Bearer(string secret, string key)
        => new() { ["bearerToken"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = secret, ["key"] = key } } };

    /// <summary>A rerun token for a job while the run goes on (a long one now and then: it must be bounded, not refused).</summary>
    public static string RerunToken(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(4) == 0 ? new string('r', 300) : $"rerun-{random.Next(1_000_000)}";
    }

    /// <summary>The schema-driven generator of the repository's CRD.</summary>
    public static ReindexJobGen Generator() => new(CrdSchema.ReindexJob());
}
