using k8s;
using k8s.Models;

namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>
/// Publishes <c>events.k8s.io/v1</c> events about objects. Asynchronous and best effort: it never throws and a failed
/// write never fails a reconcile. Repeats of the same event within a few minutes update one event's
/// <c>series.count</c> instead of creating new ones, and writes per object are rate-limited.
/// </summary>
public interface IEventRecorder
{
    /// <param name="regarding">The object the event is about.</param>
    /// <param name="severity">Normal or Warning.</param>
    /// <param name="reason">Why, in UpperCamelCase (for example <c>Submitted</c>).</param>
    /// <param name="action">What was done or failed, in UpperCamelCase (for example <c>SubmitReindex</c>).</param>
    /// <param name="note">A human-readable description; cut to 1 kB.</param>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, EventSeverity severity, string reason, string action, string note);
}
