namespace FutReindexOperator.Decisions;

/// <summary>The actions to carry out, in order, and what to do afterwards.</summary>
public sealed record ReindexDecision(IReadOnlyList<ReindexAction> Actions, ReindexRequeue Requeue);
