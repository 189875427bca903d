namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>An optimistically locked status write lost: the object changed since it was read. Re-read and decide again.</summary>
public sealed class StatusConflictException : Exception
{
    public StatusConflictException()
    {
    }

    public StatusConflictException(string message)
        : base(message)
    {
    }

    public StatusConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
