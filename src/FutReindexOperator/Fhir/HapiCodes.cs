using FutReindexOperator.Model;

namespace FutReindexOperator.Fhir;

/// <summary>HAPI's upper-case codes for the spec's enums.</summary>
public static class HapiCodes
{
    public static string Of(ReindexSearchParametersMode mode) => mode switch
    {
        ReindexSearchParametersMode.All => "ALL",
        ReindexSearchParametersMode.None => "NONE",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string Of(OptimizeStorageMode mode) => mode switch
    {
        OptimizeStorageMode.None => "NONE",
        OptimizeStorageMode.CurrentVersion => "CURRENT_VERSION",
        OptimizeStorageMode.AllVersions => "ALL_VERSIONS",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string Of(CorrectCurrentVersionMode mode) => mode switch
    {
        CorrectCurrentVersionMode.None => "NONE",
        CorrectCurrentVersionMode.All => "ALL",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
