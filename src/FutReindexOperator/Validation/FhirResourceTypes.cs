using Hl7.Fhir.Model;

namespace FutReindexOperator.Validation;

/// <summary>The concrete FHIR R4 resource types, from Hl7.Fhir.R4's ModelInfo.</summary>
public static class FhirResourceTypes
{
    private static readonly HashSet<string> Concrete = [.. ModelInfo.SupportedResources
        .Where(name => ModelInfo.GetTypeForFhirType(name) is { IsAbstract: false })];

    /// <summary>True for a concrete R4 resource type such as <c>Organization</c>; false for <c>Resource</c>, <c>DomainResource</c> and unknown names.</summary>
    public static bool IsKnown(string name) => Concrete.Contains(name);
}
