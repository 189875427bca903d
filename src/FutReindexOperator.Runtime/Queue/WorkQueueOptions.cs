namespace FutReindexOperator.Runtime.Queue;

/// <summary>Per-key retry delays of a <see cref="WorkQueue"/>.</summary>
/// <param name="FailureBaseDelay">The delay after the first consecutive failure of a key; it doubles per failure.</param>
/// <param name="FailureMaxDelay">The cap on the failure delay; a failing key is retried at this interval forever.</param>
internal sealed record WorkQueueOptions(TimeSpan FailureBaseDelay, TimeSpan FailureMaxDelay)
{
    /// <summary>controller-runtime's defaults: 5 ms doubling to 1000 s.</summary>
    public static WorkQueueOptions Default { get; } = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
}
