namespace FutReindexOperator.Decisions;

/// <summary>The actions to carry out, in order, and the step that follows them.</summary>
public sealed record ReindexDecision(IReadOnlyList<ReindexAction> Actions, ReindexStep Next)
{
    /// <summary>
    /// The run states the decision moved the job between (two where it ended a run and started the rerun waiting for
    /// it); each is one of <see cref="ReindexStateTable.Transitions"/>.
    /// </summary>
    public IReadOnlyList<RunTransition> Transitions { get; init; } = [];
}
