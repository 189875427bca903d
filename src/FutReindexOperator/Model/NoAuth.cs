using System.ComponentModel;

namespace FutReindexOperator.Model;

/// <summary>The explicit choice of sending no credentials; it has no fields.</summary>
[Description("No credentials.")]
public sealed class NoAuth;
