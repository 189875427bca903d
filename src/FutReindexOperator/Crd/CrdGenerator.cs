using System.ComponentModel;
using System.Reflection;
using FutReindexOperator.Model;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Crd;

/// <summary>
/// Generates the ReindexJob and ReindexPlan CustomResourceDefinitions from the C# types, which are its single source of truth.
/// Regenerate the committed YAML with <see cref="RegenerateCommand"/>.
/// </summary>
public static class CrdGenerator
{
    /// <summary>The path of the committed CRD, relative to the repository root.</summary>
    public const string CrdPath = "config/crd/fhir.fut.dk_reindexjobs.yaml";

    /// <summary>The command, run from the repository root, that rewrites <see cref="CrdPath"/> (dotnet run starts in the project folder, so the output goes through stdout).</summary>
    public const string RegenerateCommand = "dotnet run --project src/FutReindexOperator -- generate-crd > " + CrdPath;

    /// <summary>The path of the committed ReindexPlan CRD, relative to the repository root.</summary>
    public const string PlanCrdPath = "config/crd/fhir.fut.dk_reindexplans.yaml";

    /// <summary>The command, run from the repository root, that rewrites <see cref="PlanCrdPath"/>.</summary>
    public const string RegeneratePlanCommand = "dotnet run --project src/FutReindexOperator -- generate-plan-crd > " + PlanCrdPath;

    /// <summary>The ReindexJob CRD as a KubernetesClient model.</summary>
    public static V1CustomResourceDefinition Build()
        => Definition(typeof(ReindexJob), ReindexJob.KindName, ReindexJob.Plural, ReindexJob.Singular, ReindexJob.ShortName, SchemaGenerator.ForObject(typeof(ReindexJobSpec), withDefaults: true), typeof(ReindexJobStatus));

    /// <summary>
    /// The ReindexPlan CRD: its template is the ReindexJob spec without <c>target.service</c> and
    /// <c>target.namespace</c> (children target Services of the plan's namespace), immutable as a whole.
    /// </summary>
    public static V1CustomResourceDefinition BuildPlan()
    {
        var spec = SchemaGenerator.ForObject(typeof(ReindexPlanSpec), withDefaults: true);
        var template = spec.Properties["template"];
        var target = template.Properties["target"];
        target.Properties.Remove("service");
        target.Properties.Remove("namespace");
        target.Required = null;
        target.Description = "The target settings every child shares: port, scheme and basePath (the service is each target's, the namespace the plan's).";
        template.Required = [.. template.Required.Where(name => name != "target")];
        template.Description = typeof(ReindexPlanSpec).GetProperty(nameof(ReindexPlanSpec.Template))!.GetCustomAttribute<DescriptionAttribute>()!.Description;
        template.XKubernetesValidations = [new V1ValidationRule { Rule = "self == oldSelf", Message = "spec.template is immutable; create a new ReindexPlan to reindex with another template" }];
        return Definition(typeof(ReindexPlan), ReindexPlan.KindName, ReindexPlan.Plural, ReindexPlan.Singular, ReindexPlan.ShortName, spec, typeof(ReindexPlanStatus));
    }

    /// <summary>The committed YAML text: a header naming the generator, then the CRD, ending with one newline (POSIX text, as yamllint wants).</summary>
    public static string GenerateYaml()
        => "# Generated from the C# types in src/FutReindexOperator/Model. Do not edit; regenerate with:\n"
            + "#   " + RegenerateCommand + "\n"
            + "# The spec's CEL rule (self == oldSelf) is enforced by real API servers; the operator enforces it too.\n"
            + "# The status transition rules (a run's jobId and submission are never forgotten, an ended run stays ended) are the API server's; the operator only catches such an edit after it.\n"
            + KubernetesYaml.Serialize(Build()).TrimEnd('\n') + "\n";

    /// <summary>The committed ReindexPlan YAML text, as <see cref="GenerateYaml"/>.</summary>
    public static string GeneratePlanYaml()
        => "# Generated from the C# types in src/FutReindexOperator/Model. Do not edit; regenerate with:\n"
            + "#   " + RegeneratePlanCommand + "\n"
            + KubernetesYaml.Serialize(BuildPlan()).TrimEnd('\n') + "\n";

    private static V1CustomResourceDefinition Definition(Type resource, string kind, string plural, string singular, string shortName, V1JSONSchemaProps spec, Type status)
    {
        var root = new V1JSONSchemaProps
        {
            Type = "object",
            Description = resource.GetCustomAttribute<DescriptionAttribute>()!.Description,
            Required = ["spec"],
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["apiVersion"] = new() { Type = "string", Description = "The versioned schema of this object: fhir.fut.dk/v1alpha1." },
                ["kind"] = new() { Type = "string", Description = $"The kind of this object: {kind}." },
                ["metadata"] = new() { Type = "object" },
                ["spec"] = spec,
                ["status"] = SchemaGenerator.ForObject(status, withDefaults: false),
            },
            XKubernetesValidations = SchemaGenerator.RulesOf(resource),
        };

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{plural}.{ReindexJob.ApiGroup}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = ReindexJob.ApiGroup,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = kind,
                    ListKind = kind + "List",
                    Plural = plural,
                    Singular = singular,
                    ShortNames = [shortName],
                    Categories = [ReindexJob.Category],
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = ReindexJob.ApiVersionName,
                        Served = true,
                        Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                        AdditionalPrinterColumns = [.. PrinterColumns(resource)],
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = root },
                    },
                ],
            },
        };
    }

    private static IEnumerable<V1CustomResourceColumnDefinition> PrinterColumns(Type resource)
        => resource.GetCustomAttributes<PrinterColumnAttribute>().Select(column => new V1CustomResourceColumnDefinition
        {
            Name = column.Name,
            Type = column.Type,
            JsonPath = column.JsonPath,
            Description = column.Description,
            Priority = column.Priority == 0 ? null : column.Priority,
        });
}
