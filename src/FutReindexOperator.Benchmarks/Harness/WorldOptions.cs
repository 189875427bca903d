using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Benchmarks.Harness;

/// <summary>How a benchmark or chaos world is laid out.</summary>
public sealed record WorldOptions
{
    /// <summary>FHIR services (one Kubernetes Service and one simulated HAPI service each).</summary>
    /// <value>Default 3.</value>
    [Range(1, 1000)]
    public int Targets { get; init; } = 3;

    /// <summary>Namespaces the Services and jobs are spread over (round robin).</summary>
    /// <value>Default 3.</value>
    [Range(1, 100)]
    public int Namespaces { get; init; } = 3;

    /// <summary>IN_PROGRESS answers before the final state, per job.</summary>
    /// <value>Default 2.</value>
    [Range(0, 100)]
    public int ProgressPolls { get; init; } = 2;

    /// <summary>Targets whose jobs end FAILED instead of COMPLETED (the first ones), for chaos runs.</summary>
    /// <value>Default 0.</value>
    [Range(0, 1000)]
    public int FailingTargets { get; init; }

    /// <summary>Jobs authenticate with OAuth2 client credentials at the simulator's token endpoint instead of a static bearer token.</summary>
    /// <value>Default false.</value>
    public bool OAuth2 { get; init; }

    /// <summary>Poll policy of every job: first interval.</summary>
    /// <value>Default 200 ms.</value>
    public TimeSpan FirstPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Poll policy of every job: longest interval.</summary>
    /// <value>Default 400 ms.</value>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>How many FHIR requests the simulator keeps for inspection (the fuzz run reads every poll's target).</summary>
    /// <value>Default 1000.</value>
    [Range(100, 10_000_000)]
    public int RecordedRequests { get; init; } = 1000;

    /// <summary>
    /// Each simulated service on its own listener at <c>/fhir</c>, its Service's port that listener's (as one HAPI server per
    /// FUT service); otherwise every Service points at the simulator's shared port and a job's base path names its service.
    /// A ReindexPlan needs this: its template has one base path for every child.
    /// </summary>
    /// <value>Default false.</value>
    public bool ServiceListeners { get; init; }

    /// <summary>The first targets whose Services carry <see cref="BenchWorld.PlanSelectorLabel"/> (a plan's selector finds them).</summary>
    /// <value>Default 0.</value>
    [Range(0, 1000)]
    public int LabelledTargets { get; init; }

    /// <summary>The final state of jobs on target <paramref name="index"/>.</summary>
    public ReindexJobState FinalStateOf(int index) => index < FailingTargets ? ReindexJobState.Failed : ReindexJobState.Completed;
}
