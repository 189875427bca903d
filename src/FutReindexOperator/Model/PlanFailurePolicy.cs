namespace FutReindexOperator.Model;

/// <summary>What a ReindexPlan does after one of its children fails.</summary>
public enum PlanFailurePolicy
{
    /// <summary>Every target is tried.</summary>
    Continue,

    /// <summary>No new child starts after a failure; the running ones finish.</summary>
    StopOnFirstFailure,
}
