namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>One field-level reason of a failed request, as in a Status object's <c>details.causes</c>.</summary>
/// <param name="Reason">For example <c>FieldValueInvalid</c>, <c>FieldValueRequired</c>, <c>FieldValueNotSupported</c>.</param>
/// <param name="Field">The field path, for example <c>spec.target</c>.</param>
/// <param name="Message">The message without the field, for example <c>Required value</c>.</param>
public sealed record StatusCause(string Reason, string Field, string Message);
