namespace FutReindexOperator.Runtime.Watching;

/// <summary>The API server no longer has the history a watch asked to resume from (HTTP 410 Gone): list again.</summary>
internal sealed class ResourceVersionExpiredException : Exception
{
    public ResourceVersionExpiredException()
    {
    }

    public ResourceVersionExpiredException(string message)
        : base(message)
    {
    }

    public ResourceVersionExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
