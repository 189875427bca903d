using System.Collections.Concurrent;
using FutReindexOperator.Runtime.Kubernetes;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>An event recorder that keeps what it is asked to record, for assertions.</summary>
public sealed class RecordingEventRecorder : IEventRecorder
{
    private readonly ConcurrentQueue<(ObjectKey Regarding, EventSeverity Severity, string Reason, string Note)> _recorded = new();

    public IReadOnlyList<(ObjectKey Regarding, EventSeverity Severity, string Reason, string Note)> Recorded => [.. _recorded];

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, EventSeverity severity, string reason, string action, string note) =>
        _recorded.Enqueue((ObjectKey.Of(regarding), severity, reason, note));
}
