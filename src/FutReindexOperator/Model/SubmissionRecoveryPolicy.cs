namespace FutReindexOperator.Model;

/// <summary>What to do when a <c>$reindex</c> POST may or may not have reached the server.</summary>
public enum SubmissionRecoveryPolicy
{
    /// <summary>Submit again, warn, and record that a duplicate job is possible.</summary>
    Resubmit,

    /// <summary>Stop in <see cref="ReindexPhase.Stalled"/> until a new rerun token confirms a new submission.</summary>
    RequireConfirmation,
}
