using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification;

namespace FutReindexOperator.Fhir;

/// <summary>
/// The part of the FHIR R4 model the HAPI dialect reads and writes: <see cref="Parameters"/> (the <c>$reindex</c>
/// body and legacy answers), <see cref="OperationOutcome"/> and <see cref="Bundle"/> (status answers), with the data
/// types they reference, which are imported on first use.
/// </summary>
/// <remarks>
/// <c>ModelInfo.ModelInspector</c>, which the parameterless serializers use, maps every R4 type by reflection the
/// first time anything touches it: about 30 to 45 MiB of resident memory, most of the operator's footprint, for
/// ~150 resource types it never reads. A resource of any other type reads as <see cref="DynamicResource"/>.
/// </remarks>
public static class FhirModel
{
    /// <summary>An inspector that knows the dialect's resource types only.</summary>
    public static ModelInspector Inspector { get; } = Create();

    private static ModelInspector Create()
    {
        var inspector = new ModelInspector(FhirRelease.R4);
        inspector.ImportType(typeof(Parameters));
        inspector.ImportType(typeof(OperationOutcome));
        inspector.ImportType(typeof(Bundle));
        return inspector;
    }
}
