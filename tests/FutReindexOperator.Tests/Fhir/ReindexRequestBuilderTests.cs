using System.Text.Json.Nodes;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Tests.Fhir;

public sealed class ReindexRequestBuilderTests
{
    [Test]
    public void BuildJson_OneUrl_MatchesTheFutExample()
    {
        var json = ReindexRequestBuilder.BuildJson(new ReindexJobSpec { Urls = ["Organization?"] });

        JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse("""
            { "resourceType": "Parameters", "parameter": [ { "name": "url", "valueString": "Organization?" } ] }
            """)).Should().BeTrue(json);
    }

    [Test]
    public void BuildJson_EveryOption_UsesHapisTypesAndCodes()
    {
        var spec = new ReindexJobSpec
        {
            Urls = ["Patient?active=true", "Observation?"],
            ReindexSearchParameters = ReindexSearchParametersMode.None,
            OptimizeStorage = OptimizeStorageMode.CurrentVersion,
            OptimisticLock = false,
            CorrectCurrentVersion = CorrectCurrentVersionMode.All,
            BatchSize = 100,
            PartitionIds = ["1", "_ALL"],
        };

        var json = ReindexRequestBuilder.BuildJson(spec);

        JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse("""
            { "resourceType": "Parameters", "parameter": [
              { "name": "url", "valueString": "Patient?active=true" },
              { "name": "url", "valueString": "Observation?" },
              { "name": "reindexSearchParameters", "valueCode": "NONE" },
              { "name": "optimizeStorage", "valueCode": "CURRENT_VERSION" },
              { "name": "optimisticLock", "valueBoolean": false },
              { "name": "correctCurrentVersion", "valueCode": "ALL" },
              { "name": "batchSize", "valueInteger": 100 },
              { "name": "partitionId", "valueString": "1" },
              { "name": "partitionId", "valueString": "_ALL" } ] }
            """)).Should().BeTrue(json);
    }

    [Test]
    public void Build_NoUrls_SendsNoUrlParameterMeaningEverything()
    {
        ReindexRequestBuilder.Build(new ReindexJobSpec()).Parameter.Should().BeEmpty();
    }
}
