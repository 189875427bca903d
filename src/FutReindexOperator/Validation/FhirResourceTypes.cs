using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace FutReindexOperator.Validation;

/// <summary>The concrete FHIR R4 resource types, from Hl7.Fhir.R4's <see cref="ResourceType"/> code system.</summary>
/// <remarks>
/// Read from the enum rather than <c>ModelInfo</c>, whose first use maps the whole R4 model by reflection (tens of
/// MiB of resident memory) to answer a question about names.
/// </remarks>
public static class FhirResourceTypes
{
    private static readonly HashSet<string> Concrete = [.. Enum.GetValues<ResourceType>()
        .Select(type => type.GetLiteral())
        .Except([nameof(Resource), nameof(DomainResource)])];

    /// <summary>True for a concrete R4 resource type such as <c>Organization</c>; false for <c>Resource</c>, <c>DomainResource</c> and unknown names.</summary>
    public static bool IsKnown(string name) => Concrete.Contains(name);
}
