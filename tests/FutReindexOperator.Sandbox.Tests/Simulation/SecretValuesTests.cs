using System.Text.Json.Nodes;
using FutReindexOperator.Sandbox.Simulation;

namespace FutReindexOperator.Sandbox.Tests.Simulation;

public sealed class SecretValuesTests
{
    [Test]
    public void Of_DataAndStringData_DecodesDataAndLetsStringDataWin()
    {
        var secret = JsonNode.Parse("""{"data":{"a":"b25l","b":"dHdv"},"stringData":{"b":"second","c":3}}""")!.AsObject();

        SecretValues.Of(secret).Should().Equal(new Dictionary<string, string> { ["a"] = "one", ["b"] = "second", ["c"] = "3" });
    }
}
