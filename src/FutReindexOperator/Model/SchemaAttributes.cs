namespace FutReindexOperator.Model;

/// <summary>
/// A CEL rule (<c>x-kubernetes-validations</c>) the API server evaluates on the annotated field or type.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;

    public string Message { get; } = message;
}

/// <summary>Constraints on each item of a list of strings: a regular expression and a maximum length.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemsAttribute : Attribute
{
    public string? Pattern { get; init; }

    public int MaxLength { get; init; }
}

/// <summary>Exactly one of the named optional properties of the annotated type must be set.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ExactlyOneOfAttribute(params string[] jsonNames) : Attribute
{
    public IReadOnlyList<string> JsonNames { get; } = jsonNames;
}

/// <summary>A column of <c>kubectl get</c>; priority 1 shows only with <c>-o wide</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath, string description) : Attribute
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string Description { get; } = description;

    public int Priority { get; init; }
}
