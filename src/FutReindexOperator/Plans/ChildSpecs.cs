using FutReindexOperator.Model;
using FutReindexOperator.Validation;
using k8s;

namespace FutReindexOperator.Plans;

/// <summary>
/// The spec of a plan's child: the template with the target's Service (in the plan's namespace), and its validation by
/// the job's own validator (<see cref="ReindexJobSpecValidator"/>), its fields renamed to the plan's.
/// </summary>
public static class ChildSpecs
{
    /// <summary>A deep copy of <paramref name="template"/> aimed at <paramref name="service"/>.</summary>
    public static ReindexJobSpec For(ReindexJobSpec template, string service)
    {
        ArgumentNullException.ThrowIfNull(template);
        var spec = KubernetesJson.Deserialize<ReindexJobSpec>(KubernetesJson.Serialize(template));
        spec.Target ??= new TargetSpec();
        spec.Target.Service = service;
        spec.Target.Namespace = null;
        return spec;
    }

    /// <summary>The template's problems as a child aimed at <paramref name="service"/> would have them, named as plan fields.</summary>
    public static IReadOnlyList<SpecError> Validate(ReindexJobSpec template, string service)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. ReindexJobSpecValidator.Validate(For(template, service))
            .Select(error => error with { Field = "spec.template." + error.Field["spec.".Length..] })];
    }
}
