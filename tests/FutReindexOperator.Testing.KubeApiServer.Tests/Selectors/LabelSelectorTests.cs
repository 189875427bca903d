using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Selectors;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [TestCase("app=web", true)]
    [TestCase("app==web", true)]
    [TestCase("app=db", false)]
    [TestCase("app!=db", true)]
    [TestCase("missing!=x", true)]
    [TestCase("app in (web, db)", true)]
    [TestCase("app in (db)", false)]
    [TestCase("app notin (db)", true)]
    [TestCase("app notin (web)", false)]
    [TestCase("tier", true)]
    [TestCase("missing", false)]
    [TestCase("!missing", true)]
    [TestCase("!app", false)]
    [TestCase("app=web,tier in (front,back),!missing", true)]
    [TestCase("app=web,tier=back", false)]
    [TestCase("", true)]
    public void Matches_Requirement_AsKubernetesDefines(string selector, bool expected) =>
        LabelSelector.Parse(selector).Matches(Labels).Should().Be(expected);

    [Test]
    public void Parse_Malformed_BadRequestNamingTheRequirement()
    {
        var parse = () => LabelSelector.Parse("app in (web");

        parse.Should().Throw<ApiException>().Where(e => e.Code == 400 && e.Message.Contains("app in (web", StringComparison.Ordinal));
    }
}
