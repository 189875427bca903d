using FutReindexOperator.Model;

namespace FutReindexOperator.Sandbox.Expectations;

/// <summary>Where a job must end: a phase and, when given, words its status message must contain.</summary>
public sealed record ExpectedOutcome(ReindexPhase Phase, string? MessageContains = null)
{
    public static ExpectedOutcome Succeeded { get; } = new(ReindexPhase.Succeeded);

    /// <summary>Whether a job in <paramref name="phase"/> with <paramref name="message"/> is where it must end.</summary>
    public bool IsMetBy(ReindexPhase? phase, string? message) =>
        phase == Phase && (MessageContains is null || (message ?? "").Contains(MessageContains, StringComparison.Ordinal));

    public override string ToString() => MessageContains is null ? Phase.ToString() : $"{Phase} with \"{MessageContains}\"";
}
