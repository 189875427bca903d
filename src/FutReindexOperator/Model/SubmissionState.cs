namespace FutReindexOperator.Model;

/// <summary>What is known about the latest submission attempt.</summary>
public enum SubmissionState
{
    /// <summary>Written before the request: from here on the request may have reached the server.</summary>
    Sending,

    /// <summary>The request certainly did not reach the server; a new attempt is safe.</summary>
    NotSent,

    /// <summary>The server accepted the request and named a job id.</summary>
    Accepted,
}
