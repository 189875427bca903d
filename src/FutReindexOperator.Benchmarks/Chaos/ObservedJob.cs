namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>A ReindexJob as the harness read it at the end: its status phase, job id and submission marker.</summary>
/// <param name="Name">The ReindexJob's name.</param>
/// <param name="Service">Its target Service.</param>
/// <param name="Phase">Its status phase, null before the first status write.</param>
/// <param name="JobId">The server's job id it recorded, if any.</param>
/// <param name="Attempts">Submission attempts (the marker's attempt number).</param>
/// <param name="DuplicatePossible">The operator noted that an earlier POST may have reached the server (a kill or an
/// ambiguous answer between the marker and the job id).</param>
public sealed record ObservedJob(string Name, string Service, string? Phase, string? JobId, int Attempts, bool DuplicatePossible);
