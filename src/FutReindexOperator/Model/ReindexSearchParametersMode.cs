namespace FutReindexOperator.Model;

/// <summary>HAPI's <c>reindexSearchParameters</c> codes <c>ALL</c> and <c>NONE</c>.</summary>
public enum ReindexSearchParametersMode
{
    All,
    None,
}
