namespace FutReindexOperator.Runtime.Reconciling;

/// <summary>
/// Thrown by a reconciler when retrying cannot help (invalid spec, a permanent refusal by a remote system). The
/// runtime counts it and does not retry the key; the reconciler should have recorded the failure in status first.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
