using Cel;

namespace FutReindexOperator.Testing.KubeApiServer.Cel;

/// <summary>One compiled <c>x-kubernetes-validations</c> entry.</summary>
/// <param name="Rule">The CEL expression; true means valid.</param>
/// <param name="Message">The fixed message, or empty.</param>
/// <param name="MessageExpression">A CEL expression that computes the message, or empty.</param>
/// <param name="Reason"><c>FieldValueInvalid</c> (default), <c>FieldValueForbidden</c>, <c>FieldValueRequired</c> or <c>FieldValueDuplicate</c>.</param>
/// <param name="FieldPath">A relative JSON path (<c>.spec.x</c>) the failure is reported at, or empty.</param>
/// <param name="IsTransition">Whether the rule reads <c>oldSelf</c>: evaluated only on updates that have an old value.</param>
/// <param name="Program">The compiled rule.</param>
/// <param name="MessageProgram">The compiled message expression, or null.</param>
internal sealed record ValidationRule(
    string Rule,
    string Message,
    string MessageExpression,
    string? Reason,
    string FieldPath,
    bool IsTransition,
    CelProgramDelegate Program,
    CelProgramDelegate? MessageProgram)
{
    /// <summary>kube-apiserver's <c>ruleMessageOrDefault</c>.</summary>
    public string DefaultMessage => Message.Trim().Length > 0 ? Message.Trim() : $"failed rule: {Rule.Trim()}";
}
