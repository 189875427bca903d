using FutReindexOperator.Model;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FutReindexOperator.Fhir;

/// <summary>Builds the <c>$reindex</c> Parameters body HAPI 8.6 expects from a ReindexJob spec.</summary>
public static class ReindexRequestBuilder
{
    /// <summary>The operation path, relative to the FHIR base.</summary>
    public const string OperationPath = "$reindex";

    private static readonly BaseFhirJsonSerializer Serializer = new(FhirModel.Inspector);

    /// <summary>
    /// One <c>url</c> (valueString) per filter, the enums as HAPI's upper-case codes (valueCode), <c>optimisticLock</c>
    /// (valueBoolean), <c>batchSize</c> (valueInteger) and one <c>partitionId</c> (valueString) per partition. Absent
    /// options are left out so the server's defaults apply.
    /// </summary>
    public static Parameters Build(ReindexJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = new Parameters();
        foreach (var url in spec.Urls.Where(url => !string.IsNullOrWhiteSpace(url)))
        {
            parameters.Add("url", new FhirString(url));
        }

        if (spec.ReindexSearchParameters is { } reindexSearchParameters)
        {
            parameters.Add("reindexSearchParameters", new Code(HapiCodes.Of(reindexSearchParameters)));
        }

        if (spec.OptimizeStorage is { } optimizeStorage)
        {
            parameters.Add("optimizeStorage", new Code(HapiCodes.Of(optimizeStorage)));
        }

        if (spec.OptimisticLock is { } optimisticLock)
        {
            parameters.Add("optimisticLock", new FhirBoolean(optimisticLock));
        }

        if (spec.CorrectCurrentVersion is { } correctCurrentVersion)
        {
            parameters.Add("correctCurrentVersion", new Code(HapiCodes.Of(correctCurrentVersion)));
        }

        if (spec.BatchSize is { } batchSize)
        {
            parameters.Add("batchSize", new Integer(batchSize));
        }

        foreach (var partitionId in spec.PartitionIds)
        {
            parameters.Add("partitionId", new FhirString(partitionId));
        }

        return parameters;
    }

    /// <summary>The body as FHIR JSON.</summary>
    public static string BuildJson(ReindexJobSpec spec) => Serializer.SerializeToString(Build(spec));
}
