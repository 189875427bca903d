namespace FutReindexOperator.Runtime.Kubernetes;

/// <summary>The <c>type</c> of an event.</summary>
public enum EventSeverity
{
    Normal,
    Warning,
}
