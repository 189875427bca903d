using FutReindexOperator.Fhir;

namespace FutReindexOperator.Tests.Fhir;

public sealed class FhirModelTests
{
    [TestCase("Parameters")]
    [TestCase("OperationOutcome")]
    [TestCase("Bundle")]
    public void Inspector_ResourceTypeOfTheDialect_IsMapped(string name)
        => FhirModel.Inspector.FindClassMapping(name).Should().NotBeNull();

    [TestCase("Patient")]
    [TestCase("Organization")]
    public void Inspector_ResourceTypeOutsideTheDialect_IsNotMapped(string name)
        => FhirModel.Inspector.FindClassMapping(name).Should().BeNull("mapping the whole model costs tens of MiB");
}
