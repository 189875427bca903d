using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>
/// A logger whose <see cref="BeginScope"/> throws while <see cref="FailuresLeft"/> lasts (a broken logging provider):
/// a fault in a reconcile worker's loop outside any reconcile. Everything else goes to the inner logger.
/// </summary>
public sealed class ScopeFailingLogger(ILogger inner) : ILogger
{
    private int _failuresLeft;

    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new InvalidOperationException("The logging provider is broken.")
            : inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
