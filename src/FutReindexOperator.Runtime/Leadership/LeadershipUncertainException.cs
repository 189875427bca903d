namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// A write or remote call was refused because this replica is not sure it still leads. Nothing was sent; the reconcile
/// is abandoned and its key left for whoever leads (see <see cref="LeadershipFence"/>).
/// </summary>
public sealed class LeadershipUncertainException : Exception
{
    public LeadershipUncertainException()
    {
    }

    public LeadershipUncertainException(string message)
        : base(message)
    {
    }

    public LeadershipUncertainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
