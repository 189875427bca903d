using System.Net;
using System.Threading.Channels;
using FutReindexOperator.Runtime.Diagnostics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// <see cref="IEventRecorder"/> writing <c>events.k8s.io/v1</c> events from a background loop: <see cref="Record"/>
/// only enqueues. Each write is aggregated by <see cref="EventSeriesTracker"/> (create, or merge-patch the series of
/// the stored event) and allowed by a token bucket per object and reason (<see cref="ObjectRateLimits"/>); a rate-limited repeat still counts, so the
/// next write carries the true count. Failures are logged and dropped.
/// </summary>
internal sealed class EventRecorder(IKubernetes client, EventRecorderOptions options, TimeProvider time, ILogger<EventRecorder> logger)
    : BackgroundService, IEventRecorder
{
    private const int MaxNoteLength = 1024;
    private readonly Channel<PendingEvent> _pending = Channel.CreateBounded<PendingEvent>(
        new BoundedChannelOptions(options.Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly EventSeriesTracker _series = new();
    private readonly ObjectRateLimits _rateLimits = new(options.Burst, options.RefillInterval, time);
    private long _sequence;

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventSeverity severity, string reason, string action, string note)
    {
        try
        {
            var reference = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = regarding.Name(),
                NamespaceProperty = regarding.Namespace(),
                Uid = regarding.Uid(),
                ResourceVersion = regarding.ResourceVersion(),
            };
            var trimmedNote = note.Length > MaxNoteLength ? note[..MaxNoteLength] : note;
            var identity = new EventIdentity(reference.Uid, reference.NamespaceProperty, reference.Name, reference.Kind, severity, reason, action, trimmedNote);
            if (!_pending.Writer.TryWrite(new PendingEvent(identity, reference, time.GetUtcNow())))
            {
                logger.EventDropped(reason, reference.Name);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logger.EventWriteFailed(exception, reason);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                await WriteAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: events not yet written are dropped, as events are best effort.
        }
    }

    private async Task WriteAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var occurrence = _series.Observe(pending.Identity, pending.At);
        // One bucket per object and reason (client-go's spam filter keyed as CorrelatorOptions.SpamKeyFunc allows): a
        // reason repeated beyond the burst, such as a plan's ChildSucceeded over a hundred children, cannot starve another
        // about the same object, such as the plan's Completed.
        var regarding = pending.Identity.RegardingUid ?? $"{pending.Identity.Kind}/{pending.Identity.Namespace}/{pending.Identity.Name}";
        if (!_rateLimits.TryTake($"{regarding}/{pending.Identity.Reason}"))
        {
            logger.EventRateLimited(pending.Identity.Reason, pending.Identity.Name);
            return;
        }

        try
        {
            if (occurrence.EventName is { } name && await TryUpdateSeriesAsync(pending.Identity, name, occurrence, cancellationToken))
            {
                return;
            }

            var created = await client.EventsV1.CreateNamespacedEventAsync(
                NewEvent(pending, occurrence), pending.Identity.Namespace ?? "default", cancellationToken: cancellationToken);
            _series.Stored(pending.Identity, created.Metadata.Name);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.EventWriteFailed(exception, pending.Identity.Reason);
        }
    }

    private async Task<bool> TryUpdateSeriesAsync(EventIdentity identity, string name, EventOccurrence occurrence, CancellationToken cancellationToken)
    {
        var series = new Eventsv1Event { Series = new Eventsv1EventSeries { Count = occurrence.Count, LastObservedTime = occurrence.LastObserved.UtcDateTime } };
        try
        {
            await client.EventsV1.PatchNamespacedEventAsync(
                new V1Patch(series, V1Patch.PatchType.MergePatch), name, identity.Namespace ?? "default", cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // The stored event expired (the API server keeps events for an hour by default): start a new one.
            _series.Stored(identity, null);
            return false;
        }
    }

    private Eventsv1Event NewEvent(PendingEvent pending, EventOccurrence occurrence)
    {
        var identity = pending.Identity;
        var unique = (pending.At.ToUnixTimeMilliseconds() * 1_000_000) + (Interlocked.Increment(ref _sequence) % 1_000_000);
        return new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{identity.Name}.{unique:x}", NamespaceProperty = identity.Namespace ?? "default" },
            EventTime = pending.At.UtcDateTime,
            Type = identity.Severity.ToString(),
            Reason = identity.Reason,
            Action = identity.Action,
            Note = identity.Note,
            Regarding = pending.Regarding,
            ReportingController = options.ReportingController,
            ReportingInstance = options.ReportingInstance,
            Series = occurrence.Count > 1 ? new Eventsv1EventSeries { Count = occurrence.Count, LastObservedTime = occurrence.LastObserved.UtcDateTime } : null,
        };
    }

    private sealed record PendingEvent(EventIdentity Identity, V1ObjectReference Regarding, DateTimeOffset At);
}
