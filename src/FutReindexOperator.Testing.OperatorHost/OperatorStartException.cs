namespace FutReindexOperator.Testing.OperatorHost;

/// <summary>The operator process could not be started, exited, or did not report ready in time.</summary>
public sealed class OperatorStartException : Exception
{
    public OperatorStartException()
        : base("The operator did not start.")
    {
    }

    public OperatorStartException(string message)
        : base(message)
    {
    }

    public OperatorStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
