using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace FutReindexOperator.Testing.Conditions;

/// <summary>
/// Waits until a condition holds by checking it at a short interval, so that tests never sleep a fixed time.
/// </summary>
/// <remarks>
/// <para>Every overload keeps one contract:</para>
/// <list type="bullet">
/// <item>The condition is checked at once; when it holds, the call returns without waiting. Otherwise it is checked
/// again every <c>interval</c> (default <see cref="DefaultInterval"/>), timed by <c>timeProvider</c>
/// (default <see cref="TimeProvider.System"/>).</item>
/// <item>When <c>timeout</c> (default <see cref="DefaultTimeout"/>) passes first, the call throws a
/// <see cref="TimeoutException"/> whose message is "timed out after {timeout} waiting until {what}"; <c>what</c>
/// defaults to the condition's source text without its lambda head (<c>() =&gt; count == 2</c> reads "count == 2").
/// <see cref="Timeout.InfiniteTimeSpan"/> leaves the caller's token as the only bound.</item>
/// <item>When the caller's token is cancelled first, <see cref="OperationCanceledException"/> propagates: the caller,
/// not the deadline, ended the wait.</item>
/// <item>An async condition receives a token that is cancelled by either, so a check that hangs ends with the wait.
/// Any other exception a condition throws propagates unchanged.</item>
/// </list>
/// <para>The timeout is a <see cref="TimeoutException"/> rather than a test framework's assertion exception so that
/// this library depends on no test framework; every test runner reports it as a failure with its message.</para>
/// </remarks>
public static partial class Eventually
{
    /// <summary>How long a wait lasts when the caller names no timeout.</summary>
    /// <value>10 seconds.</value>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The pause between two checks when the caller names no interval.</summary>
    /// <value>10 milliseconds.</value>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Waits until <paramref name="condition"/> returns <see langword="true"/>.</summary>
    /// <param name="condition">Checked once at once, then once per interval; must not block.</param>
    /// <param name="cancellationToken">The caller's bound; its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    /// <param name="timeout">Positive, or <see cref="Timeout.InfiniteTimeSpan"/>; default <see cref="DefaultTimeout"/>.</param>
    /// <param name="interval">Positive; default <see cref="DefaultInterval"/>.</param>
    /// <param name="timeProvider">Times the interval and the timeout; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="what">Completes "waiting until …" in the timeout message; default the condition's source text.</param>
    /// <exception cref="TimeoutException">The timeout passed before the condition held.</exception>
    public static Task UntilAsync(
        Func<bool> condition,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        TimeSpan? interval = null,
        TimeProvider? timeProvider = null,
        [CallerArgumentExpression(nameof(condition))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(_ => Task.FromResult(condition()), cancellationToken, timeout, interval, timeProvider, what);
    }

    /// <summary>Waits until the async <paramref name="condition"/> returns <see langword="true"/>.</summary>
    /// <param name="condition">Checked once at once, then once per interval; receives a token cancelled at the timeout or by the caller.</param>
    /// <param name="cancellationToken">The caller's bound; its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    /// <param name="timeout">Positive, or <see cref="Timeout.InfiniteTimeSpan"/>; default <see cref="DefaultTimeout"/>.</param>
    /// <param name="interval">Positive; default <see cref="DefaultInterval"/>.</param>
    /// <param name="timeProvider">Times the interval and the timeout; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="what">Completes "waiting until …" in the timeout message; default the condition's source text.</param>
    /// <exception cref="TimeoutException">The timeout passed before the condition held.</exception>
    public static Task UntilAsync(
        Func<CancellationToken, Task<bool>> condition,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        TimeSpan? interval = null,
        TimeProvider? timeProvider = null,
        [CallerArgumentExpression(nameof(condition))] string what = "")
        => UntilAsync(condition, holds => holds, cancellationToken, timeout, interval, timeProvider, what);

    /// <summary>Reads a value until <paramref name="accept"/> takes it, and returns that value.</summary>
    /// <param name="probe">Reads the current value, or <see langword="null"/> while there is none yet (then <paramref name="accept"/>
    /// is not asked); receives a token cancelled at the timeout or by the caller.</param>
    /// <param name="accept">Decides whether a value is the awaited one.</param>
    /// <param name="cancellationToken">The caller's bound; its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    /// <param name="timeout">Positive, or <see cref="Timeout.InfiniteTimeSpan"/>; default <see cref="DefaultTimeout"/>.</param>
    /// <param name="interval">Positive; default <see cref="DefaultInterval"/>.</param>
    /// <param name="timeProvider">Times the interval and the timeout; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="what">Completes "waiting until …" in the timeout message; default the source text of <paramref name="accept"/>.</param>
    /// <returns>The first value <paramref name="accept"/> took.</returns>
    /// <exception cref="TimeoutException">The timeout passed before an accepted value was read.</exception>
    public static Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T?>> probe,
        Func<T, bool> accept,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        TimeSpan? interval = null,
        TimeProvider? timeProvider = null,
        [CallerArgumentExpression(nameof(accept))] string what = "")
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        var limit = timeout ?? DefaultTimeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        var step = interval ?? DefaultInterval;
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), step, "interval must be positive.");
        }

        return PollAsync(probe, accept, limit, step, timeProvider ?? TimeProvider.System, what, cancellationToken);
    }

    private static async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T?>> probe,
        Func<T, bool> accept,
        TimeSpan timeout,
        TimeSpan interval,
        TimeProvider timeProvider,
        string what,
        CancellationToken cancellationToken)
        where T : notnull
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                if (await probe(either.Token) is { } value && accept(value))
                {
                    return value;
                }

                await Task.Delay(interval, timeProvider, either.Token);
            }
        }
        catch (OperationCanceledException canceled) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {Describe(timeout)} waiting until {LambdaHead().Replace(what, string.Empty, 1)}", canceled);
        }
    }

    /// <summary>The parameter list and arrow of a lambda's source text, which say nothing about what was awaited.</summary>
    [GeneratedRegex(@"^\s*(?:async\s+)?(?:\(\s*\)|\(\s*\w+\s*\)|\w+)\s*=>\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LambdaHead();

    private static string Describe(TimeSpan span)
        => span >= TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###} ms");
}
