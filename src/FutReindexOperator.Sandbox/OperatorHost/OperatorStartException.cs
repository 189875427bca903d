namespace FutReindexOperator.Sandbox.OperatorHost;

/// <summary>The operator process exited or did not report ready in time.</summary>
public sealed class OperatorStartException(string message) : Exception(message)
{
    public OperatorStartException()
        : this("The operator did not start.")
    {
    }

    public OperatorStartException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
