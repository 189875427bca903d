using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>
/// A request failure answered with a Kubernetes <c>Status</c> object shaped like the real API server's.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    /// <summary>Seconds a client should wait before retrying (the <c>Retry-After</c> header), when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The <c>Status</c> object for this failure.</summary>
    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());
}
