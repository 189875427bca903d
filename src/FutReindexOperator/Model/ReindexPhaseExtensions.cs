namespace FutReindexOperator.Model;

public static class ReindexPhaseExtensions
{
    /// <summary>True for phases after which the operator sends nothing more for the current run.</summary>
    public static bool IsTerminal(this ReindexPhase phase)
        => phase is ReindexPhase.Succeeded or ReindexPhase.Failed or ReindexPhase.Cancelled or ReindexPhase.Lost or ReindexPhase.Untrackable;
}
