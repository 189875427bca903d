namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>The query parameters of a write request.</summary>
/// <param name="FieldManager">The writer's name for managedFields.</param>
/// <param name="FieldValidation"><c>Strict</c>, <c>Warn</c> or <c>Ignore</c>.</param>
/// <param name="DryRun">Whether the write is only validated and shown, not stored.</param>
public sealed record WriteOptions(string FieldManager, string FieldValidation, bool DryRun)
{
    /// <summary>Warnings to return in <c>Warning</c> headers (for <c>fieldValidation=Warn</c>).</summary>
    public List<string> Warnings { get; } = [];
}
