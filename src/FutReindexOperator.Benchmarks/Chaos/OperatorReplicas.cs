using System.Globalization;
using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Benchmarks.Processes;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.Benchmarks.Chaos;

/// <summary>
/// The operator processes of a chaos run, each sampled from /proc. Killed processes are replaced by new ones with new
/// identities (as a new pod would be); the peak RSS over every process ever started is kept.
/// </summary>
public sealed class OperatorReplicas(BenchWorld world, IReadOnlyDictionary<string, string> environment, TimeProvider timeProvider) : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(200);
    private readonly List<(string Identity, OperatorProcess Process, ProcessSampler Sampler)> _running = [];
    private long _peakBytes;

    /// <summary>How many processes were started.</summary>
    public int Starts { get; private set; }

    public IReadOnlyList<string> Identities => [.. _running.Select(replica => replica.Identity)];

    /// <summary>The processes running now (killed ones are gone), for liveness and health checks.</summary>
    public IReadOnlyList<OperatorProcess> Processes => [.. _running.Select(replica => replica.Process)];

    /// <summary>Starts one more replica; returns its process (not waiting for readiness: a standby is not ready until it leads).</summary>
    public OperatorProcess StartOne()
    {
        Starts++;
        var identity = string.Create(CultureInfo.InvariantCulture, $"operator-{Starts}");
        var settings = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["POD_NAME"] = identity,
            ["OperatorRuntime__LeaderElection__Identity"] = identity,
        };
        var process = OperatorLauncher.Start(settings, world.OperatorLog, timeProvider);
        _running.Add((identity, process, ProcessSampler.ForProcess(process.Id, SampleInterval, timeProvider)));
        return process;
    }

    /// <summary>SIGKILLs the replica named <paramref name="identity"/> (or the one at <paramref name="index"/>) and starts a replacement.</summary>
    public async Task KillAndReplaceAsync(string? identity, int index)
    {
        if (_running.Count == 0)
        {
            StartOne();
            return;
        }

        var position = identity is null ? -1 : _running.FindIndex(replica => replica.Identity == identity);
        var victim = _running[position >= 0 ? position : index % _running.Count];
        _running.Remove(victim);
        await victim.Process.KillAsync();
        await RetireAsync(victim.Sampler);
        await victim.Process.DisposeAsync();
        StartOne();
    }

    /// <summary>The highest RSS of any replica so far, in bytes.</summary>
    public long PeakResidentBytes => Math.Max(Interlocked.Read(ref _peakBytes), _running.Select(replica => replica.Sampler.PeakResidentBytes(DateTimeOffset.MinValue)).DefaultIfEmpty(0).Max());

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _running)
        {
            await replica.Process.KillAsync();
            await RetireAsync(replica.Sampler);
            await replica.Process.DisposeAsync();
        }

        _running.Clear();
    }

    private async Task RetireAsync(ProcessSampler sampler)
    {
        var peak = sampler.PeakResidentBytes(DateTimeOffset.MinValue);
        if (peak > Interlocked.Read(ref _peakBytes))
        {
            Interlocked.Exchange(ref _peakBytes, peak);
        }

        await sampler.DisposeAsync();
    }
}
