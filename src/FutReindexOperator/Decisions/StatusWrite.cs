namespace FutReindexOperator.Decisions;

/// <summary>How a decision writes the status it built.</summary>
internal enum StatusWrite
{
    /// <summary>A merge patch, only when the status changed.</summary>
    Patch,

    /// <summary>With an optimistic lock, before a submission.</summary>
    SubmissionMarker,

    /// <summary>Right after a submission, retried on conflicts.</summary>
    JobId,
}
