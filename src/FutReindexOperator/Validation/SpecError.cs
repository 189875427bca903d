namespace FutReindexOperator.Validation;

/// <summary>One problem in a spec: the field's path (for example <c>spec.urls[1]</c>) and what is expected there.</summary>
public sealed record SpecError(string Field, string Expected)
{
    public override string ToString() => $"{Field}: {Expected}";
}
