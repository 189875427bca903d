namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure handling {Method} {Path}")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string method, string path);
}
