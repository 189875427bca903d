using System.Text.Json.Nodes;
using FutReindexOperator.Testing.Conditions;
using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.GarbageCollection;

/// <summary>
/// The collector's promise over generated ownership forests: after deleting some objects (none an ancestor of
/// another) with random propagation policies, exactly the objects with no deleted ancestor, or whose deleted
/// ancestor was orphaned, remain; the orphan's children keep no reference to it; nothing else is touched.
/// </summary>
public sealed class GeneratedOwnershipTests : ServerFixture
{
    private static readonly string[] Policies = ["Background", "Foreground", "Orphan"];

    protected override bool InstallWidgets => false;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [CancelAfter(60_000)]
    public async Task Deleting_part_of_a_generated_forest_leaves_exactly_what_the_model_says(int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var ns = UniqueName("gc");
        (await Http.PostAsync("/api/v1/namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, ct)).Status.Should().Be(201);
        var count = random.Next(6, 16);
        var owner = new int?[count];
        var uids = new string[count];
        for (var i = 0; i < count; i++)
        {
            owner[i] = i > 0 && random.NextDouble() < 0.75 ? random.Next(i) : null;
            var metadata = new JsonObject { ["name"] = $"n{i}" };
            if (owner[i] is { } o)
            {
                metadata["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "ConfigMap",
                    ["name"] = $"n{o}",
                    ["uid"] = uids[o],
                    ["blockOwnerDeletion"] = random.Next(2) == 0,
                });
            }

            var created = await Http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", new JsonObject { ["metadata"] = metadata }, ct);
            created.Status.Should().Be(201, created.ToString());
            uids[i] = created.Body["metadata"]!["uid"]!.GetValue<string>();
        }

        bool IsAncestor(int ancestor, int node)
        {
            for (var up = owner[node]; up is { } u; up = owner[u])
            {
                if (u == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        var deleted = new Dictionary<int, string>();
        foreach (var candidate in Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
        {
            if (!deleted.Keys.Any(d => IsAncestor(d, candidate) || IsAncestor(candidate, d)))
            {
                deleted[candidate] = Policies[random.Next(Policies.Length)];
            }
        }

        int? DeletedAncestor(int node)
        {
            for (var up = owner[node]; up is { } u; up = owner[u])
            {
                if (deleted.ContainsKey(u))
                {
                    return u;
                }
            }

            return null;
        }

        var expected = Enumerable.Range(0, count)
            .Where(i => !deleted.ContainsKey(i) && (DeletedAncestor(i) is not { } a || deleted[a] == "Orphan"))
            .Select(i => $"n{i}")
            .ToList();
        var model = string.Join(", ", Enumerable.Range(0, count).Select(i => $"n{i}<-{(owner[i] is { } o ? $"n{o}" : "-")}")) +
            "; deleted " + string.Join(", ", deleted.Select(d => $"n{d.Key}:{d.Value}"));

        foreach (var (node, policy) in deleted)
        {
            var response = await Http.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/n{node}?propagationPolicy={policy}", ct);
            response.Status.Should().Be(200, response.ToString());
        }

        async Task<List<string>> NamesAsync(CancellationToken c) =>
            (await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps", c)).Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

        var expectedSorted = expected.Order(StringComparer.Ordinal).ToList();
        await Eventually.UntilAsync(async c => (await NamesAsync(c)).SequenceEqual(expectedSorted), ct, what: $"the remaining objects to be [{string.Join(", ", expectedSorted)}] for {model}");

        // A dangling marker is collected by a later sweep, which runs to a fixed point: after it, nothing more may change.
        (await Http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "marker",
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "gone", ["uid"] = Guid.NewGuid().ToString() }),
            },
        }, ct)).Status.Should().Be(201);
        await Eventually.UntilAsync(async c => !(await NamesAsync(c)).Contains("marker"), ct);
        (await NamesAsync(ct)).Should().Equal(expectedSorted, model);
        foreach (var (orphaned, _) in deleted.Where(d => d.Value == "Orphan"))
        {
            foreach (var child in Enumerable.Range(0, count).Where(i => owner[i] == orphaned))
            {
                var read = await Http.GetAsync($"/api/v1/namespaces/{ns}/configmaps/n{child}", ct);
                read.Body["metadata"]!["ownerReferences"].Should().BeNull($"n{child} was orphaned by n{orphaned}; {model}");
            }
        }
    }
}
