namespace FutReindexOperator.Decisions;

/// <summary>The actions to carry out, in order, and the step that follows them.</summary>
public sealed record ReindexDecision(IReadOnlyList<ReindexAction> Actions, ReindexStep Next);
