using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Expectations;

/// <summary>The outcome each job of a sandbox run must reach, keyed by the job's name (the samples' names).</summary>
public static class JobExpectations
{
    /// <summary>
    /// The samples of <c>config/samples</c>. <c>fails-unknown-type</c> fails on purpose: the operator refuses its spec before
    /// sending anything, as the sample's own comment says.
    /// </summary>
    public static IReadOnlyDictionary<string, ExpectedOutcome> Samples { get; } = new Dictionary<string, ExpectedOutcome>(StringComparer.Ordinal)
    {
        ["organization-bearer"] = ExpectedOutcome.Succeeded,
        ["careplan-oauth2-password"] = ExpectedOutcome.Succeeded,
        ["task-client-credentials"] = ExpectedOutcome.Succeeded,
        ["everything-no-auth"] = ExpectedOutcome.Succeeded,
        ["fails-unknown-type"] = new(ReindexPhase.Stalled, "'Foo' is not one"),
    };

    /// <summary>The expectation of <paramref name="jobName"/>: the sample's, or success for a generated job.</summary>
    public static ExpectedOutcome For(string jobName) => Samples.GetValueOrDefault(jobName, ExpectedOutcome.Succeeded);
}
