namespace FutReindexOperator.Runtime.Hosting;

/// <summary>Per-controller settings given to <c>AddController</c>.</summary>
public sealed class ControllerOptions
{
    /// <summary>The controller's name in logs and in the <c>controller</c> and <c>name</c> metric labels.</summary>
    /// <value>Default: the kind in lower case.</value>
    public string? Name { get; set; }

    /// <summary>Annotations whose change triggers a reconcile (besides generation, deletion and finalizers).</summary>
    /// <value>Default: none.</value>
    public IList<string> WatchedAnnotations { get; } = [];
}
