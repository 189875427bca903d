using System.Text.Json.Nodes;
using CsCheck;
using FutReindexOperator.Testing.Generators.Schema;
using FutReindexOperator.Testing.KubeApiServer.Validation;
using FutReindexOperator.Tests.Properties.Decisions;

namespace FutReindexOperator.Tests.Properties.Generators;

/// <summary>The generators themselves: they produce only what the API server accepts, and they reach every field.</summary>
[Category("Properties")]
public sealed class SchemaGenProperties
{
    [Test]
    public void Generated_specs_and_statuses_pass_the_CRD_schema()
        => PropertyRun.Check(
            DecisionGen.Jobs.Job,
            job =>
            {
                var outcome = SchemaValidator.Apply((JsonObject)job.DeepClone(), DecisionGen.Schema.Root);
                outcome.Causes.Should().BeEmpty();
                outcome.PrunedFields.Should().BeEmpty();
            },
            iterations: 1000,
            print: job => job.ToJsonString());

    [Test]
    public void Every_field_of_the_schema_is_generated()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in DecisionGen.Jobs.Job.Array[400].Single())
        {
            Collect(job["spec"], "spec", seen);
            Collect(job["status"], "status", seen);
        }

        var fields = new List<string>();
        Fields(DecisionGen.Schema.Spec, "spec", fields);
        Fields(DecisionGen.Schema.Status, "status", fields);
        fields.Should().NotBeEmpty().And.OnlyContain(field => seen.Contains(field));
    }

    [TestCase("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", "9999999999h")]
    [TestCase("^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$", "/fhir/.")]
    public void Pattern_generator_reaches_the_extremes(string pattern, string example)
    {
        var samples = PatternGen.For(pattern, 12).Array[3000].Single();
        var tail = example[^2..];
        samples.Should().OnlyContain(sample => System.Text.RegularExpressions.Regex.IsMatch(sample, pattern));
        samples.Should().Contain(sample => sample.Length >= example.Length && sample.Contains(tail, StringComparison.Ordinal));
    }

    private static void Collect(JsonNode? node, string path, HashSet<string> seen)
    {
        if (node is null)
        {
            return;
        }

        seen.Add(path);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Collect(child, $"{path}.{name}", seen);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, $"{path}[]", seen);
                }

                break;
        }
    }

    private static void Fields(JsonObject schema, string path, List<string> fields)
    {
        fields.Add(path);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                Fields((JsonObject)child!, $"{path}.{name}", fields);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Fields(items, $"{path}[]", fields);
        }
    }
}
