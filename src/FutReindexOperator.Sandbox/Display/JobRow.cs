using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Display;

/// <summary>One ReindexJob as the sandbox shows it.</summary>
/// <param name="Name">The ReindexJob's name.</param>
/// <param name="Target">The target Service.</param>
/// <param name="Phase">The status phase; null before the operator wrote one.</param>
/// <param name="JobId">HAPI's job id, once submitted.</param>
/// <param name="Elapsed">Since the ReindexJob was created, up to its end.</param>
/// <param name="Message">The status message.</param>
public sealed record JobRow(string Name, string Target, ReindexPhase? Phase, string? JobId, TimeSpan Elapsed, string? Message);
