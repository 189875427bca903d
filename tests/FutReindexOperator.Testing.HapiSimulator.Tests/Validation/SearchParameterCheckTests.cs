using FutReindexOperator.Testing.HapiSimulator.Validation;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Validation;

public sealed class SearchParameterCheckTests
{
    [TestCase("Organization?")]
    [TestCase("Patient?active=true&name:exact=Hansen")]
    [TestCase("Observation?subject.name=x&code:text=y&_lastUpdated=gt2020-01-01")]
    [TestCase("Observation?_includeDeleted=exclusive")]
    public void FirstUnknown_KnownParameters_IsNull(string url)
    {
        SearchParameterCheck.FirstUnknown([url]).Should().BeNull();
    }

    [Test]
    public void FirstUnknown_UnknownParameter_NamesItAndTheType()
    {
        SearchParameterCheck.FirstUnknown(["Patient?active=true", "Task?colour=red"]).Should().Be(
            "HAPI-0488: Failed to parse match URL[Task?colour=red] - Resource type Task does not have a parameter with name: colour");
    }
}
