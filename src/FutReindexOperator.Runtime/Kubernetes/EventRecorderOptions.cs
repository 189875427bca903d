namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>Who reports events and how many per object.</summary>
/// <param name="ReportingController">The controller name written as <c>reportingController</c>.</param>
/// <param name="ReportingInstance">This replica, written as <c>reportingInstance</c> (the pod name).</param>
internal sealed record EventRecorderOptions(string ReportingController, string ReportingInstance)
{
    /// <summary>Writes allowed at once per object and reason (client-go's spam filter: 25).</summary>
    public int Burst { get; init; } = 25;

    /// <summary>One more write per object and reason after each interval (client-go: 5 minutes).</summary>
    public TimeSpan RefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Events waiting to be written before new ones are dropped.</summary>
    public int Capacity { get; init; } = 1000;
}
