namespace FutReindexOperator.Benchmarks.Processes;

/// <summary>
/// Samples a process's RSS and CPU seconds at a fixed interval on a background loop until disposed. The peak is the
/// highest RSS seen by sampling (short spikes between samples are missed; <see cref="ProcFiles.ParsePeakResidentBytes"/>
/// gives the kernel's own high-water mark).
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly Func<DateTimeOffset, ProcessSample?> _read;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ProcessSample> _samples = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    /// <param name="read">Reads one sample at the given time; null when the process is gone.</param>
    /// <param name="interval">Time between samples.</param>
    /// <param name="timeProvider">The clock that paces sampling.</param>
    public ProcessSampler(Func<DateTimeOffset, ProcessSample?> read, TimeSpan interval, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _read = read;
        _interval = interval;
        _timeProvider = timeProvider;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Samples a process by id from /proc.</summary>
    public static ProcessSampler ForProcess(int processId, TimeSpan interval, TimeProvider timeProvider)
        => new(time => ProcFiles.TryRead(processId, time), interval, timeProvider);

    /// <summary>Every sample so far, oldest first.</summary>
    public IReadOnlyList<ProcessSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The highest RSS sampled since <paramref name="since"/>, in bytes (0 without samples).</summary>
    public long PeakResidentBytes(DateTimeOffset since)
        => Samples.Where(sample => sample.Time >= since).Select(sample => sample.ResidentBytes).DefaultIfEmpty(0).Max();

    /// <summary>Takes one sample now (besides the periodic ones) and returns it; null when the process is gone.</summary>
    public ProcessSample? SampleNow()
    {
        var sample = _read(_timeProvider.GetUtcNow());
        if (sample is not null)
        {
            lock (_gate)
            {
                _samples.Add(sample);
            }
        }

        return sample;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        SampleNow();
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            SampleNow();
        }
    }
}
