namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// The check a replica makes right before it writes status or calls out on the leader's behalf: a replica that is no
/// longer sure it leads writes nothing and sends nothing (client-go's rule: act only within the renew deadline).
/// </summary>
/// <remarks>
/// The check narrows the window in which a paused, deposed leader can act, but cannot close it alone (a pause may fall
/// between the check and the send). Status writes that must not land on a status they were not decided on are
/// therefore also fenced by resource version (<see cref="Kubernetes.IStatusWriter.PatchStatusAsync"/>); a remote call
/// that slips through is one the status records as possibly duplicated.
/// </remarks>
internal static class LeadershipFence
{
    /// <summary>Throws <see cref="LeadershipUncertainException"/> unless <paramref name="gate"/> is sure it leads.</summary>
    /// <param name="gate">The leader gate.</param>
    /// <param name="action">What was about to happen, for the message (for example "status patch of ReindexJob ns/a").</param>
    public static void ThrowIfNotLeading(this ILeaderGate gate, string action)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (!gate.IsLeader)
        {
            throw new LeadershipUncertainException($"Not sure this replica still leads; {action} not done.");
        }
    }
}
