using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// Every line the in-process operator logs, as the console's single-line simple format shows it (<c>warn:
/// Category[id] message</c>, then the exception), so that a test reads what an operator process would have written.
/// </summary>
internal sealed class CapturedLog(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    /// <summary>The console formatter's names of the levels.</summary>
    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue($"{Level(logLevel)}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
