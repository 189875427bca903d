namespace FutReindexOperator.Decisions;

/// <summary>The type of a Kubernetes event.</summary>
public enum ReindexEventType
{
    Normal,
    Warning,
}
