using FutReindexOperator.Validation;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Tests.Validation;

public sealed class FhirResourceTypesTests
{
    [Test]
    public void IsKnown_EveryConcreteTypeOfTheR4Model_IsTrue()
    {
        var concrete = ModelInfo.SupportedResources.Where(name => ModelInfo.GetTypeForFhirType(name) is { IsAbstract: false }).ToList();

        concrete.Should().HaveCountGreaterThan(140).And.OnlyContain(name => FhirResourceTypes.IsKnown(name));
    }

    [TestCase("Resource")]
    [TestCase("DomainResource")]
    public void IsKnown_AbstractType_IsFalse(string name) => FhirResourceTypes.IsKnown(name).Should().BeFalse();

    [TestCase("Foo")]
    [TestCase("organization")]
    [TestCase("")]
    public void IsKnown_NameThatIsNoR4ResourceType_IsFalse(string name) => FhirResourceTypes.IsKnown(name).Should().BeFalse();
}
