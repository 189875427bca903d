namespace FutReindexOperator.Model;

/// <summary>HAPI's <c>correctCurrentVersion</c> codes <c>NONE</c> and <c>ALL</c>.</summary>
public enum CorrectCurrentVersionMode
{
    None,
    All,
}
