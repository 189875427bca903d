using BenchmarkDotNet.Attributes;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;

namespace FutReindexOperator.Benchmarks.Micro;

/// <summary>Every poll reads a FHIR answer and every submission writes a Parameters body, through the narrowed FHIR model.</summary>
[MemoryDiagnoser]
public class FhirDialectBenchmarks
{
    private readonly FhirAnswer _inProgress = new(202, "application/fhir+json;charset=utf-8", null, """
        { "resourceType": "OperationOutcome",
          "issue": [ { "severity": "information", "code": "informational", "diagnostics": "$reindex job has started and is in progress" } ] }
        """);

    private readonly FhirAnswer _completed = new(200, "application/fhir+json;charset=utf-8", null, """
        { "resourceType": "Bundle", "type": "batch-response", "entry": [ { "response": { "status": "200 OK", "outcome":
          { "resourceType": "OperationOutcome", "issue": [ { "severity": "information", "code": "informational",
            "diagnostics": "Reindex (v3) Report ... Total Resources Changed : 32 (0/sec) ... ResourceType[Organization] Changed : 32" } ] } } } ] }
        """);

    private readonly ReindexJobSpec _spec = new()
    {
        Target = new TargetSpec { Service = "organization" },
        Urls = ["Organization?", "Practitioner?active=true"],
        BatchSize = 500,
    };

    [Benchmark]
    public PollOutcome ClassifyInProgress() => StatusAnswerClassifier.Classify(_inProgress);

    [Benchmark]
    public PollOutcome ClassifyCompleted() => StatusAnswerClassifier.Classify(_completed);

    [Benchmark]
    public string BuildReindexBody() => ReindexRequestBuilder.BuildJson(_spec);
}
