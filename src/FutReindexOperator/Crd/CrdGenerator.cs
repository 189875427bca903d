using System.ComponentModel;
using System.Reflection;
using FutReindexOperator.Model;
using k8s;
using k8s.Models;

namespace FutReindexOperator.Crd;

/// <summary>
/// Generates the ReindexJob CustomResourceDefinition from the C# types, which are its single source of truth.
/// Regenerate the committed YAML with <see cref="RegenerateCommand"/>.
/// </summary>
public static class CrdGenerator
{
    /// <summary>The path of the committed CRD, relative to the repository root.</summary>
    public const string CrdPath = "config/crd/fhir.fut.dk_reindexjobs.yaml";

    /// <summary>The command, run from the repository root, that rewrites <see cref="CrdPath"/> (dotnet run starts in the project folder, so the output goes through stdout).</summary>
    public const string RegenerateCommand = "dotnet run --project src/FutReindexOperator -- generate-crd > " + CrdPath;

    /// <summary>The CRD as a KubernetesClient model.</summary>
    public static V1CustomResourceDefinition Build()
    {
        var root = new V1JSONSchemaProps
        {
            Type = "object",
            Description = typeof(ReindexJob).GetCustomAttribute<DescriptionAttribute>()!.Description,
            Required = ["spec"],
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["apiVersion"] = new() { Type = "string", Description = "The versioned schema of this object: fhir.fut.dk/v1alpha1." },
                ["kind"] = new() { Type = "string", Description = "The kind of this object: ReindexJob." },
                ["metadata"] = new() { Type = "object" },
                ["spec"] = SchemaGenerator.ForObject(typeof(ReindexJobSpec), withDefaults: true),
                ["status"] = SchemaGenerator.ForObject(typeof(ReindexJobStatus), withDefaults: false),
            },
        };

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{ReindexJob.Plural}.{ReindexJob.ApiGroup}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = ReindexJob.ApiGroup,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = ReindexJob.KindName,
                    ListKind = ReindexJob.KindName + "List",
                    Plural = ReindexJob.Plural,
                    Singular = ReindexJob.Singular,
                    ShortNames = [ReindexJob.ShortName],
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
                        AdditionalPrinterColumns = [.. PrinterColumns()],
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = root },
                    },
                ],
            },
        };
    }

    /// <summary>The committed YAML text: a header naming the generator, then the CRD, ending with one newline (POSIX text, as yamllint wants).</summary>
    public static string GenerateYaml()
        => "# Generated from the C# types in src/FutReindexOperator/Model. Do not edit; regenerate with:\n"
            + "#   " + RegenerateCommand + "\n"
            + "# The spec's CEL rule (self == oldSelf) is enforced by real API servers; the operator enforces it too.\n"
            + KubernetesYaml.Serialize(Build()).TrimEnd('\n') + "\n";

    private static IEnumerable<V1CustomResourceColumnDefinition> PrinterColumns()
        => typeof(ReindexJob).GetCustomAttributes<PrinterColumnAttribute>().Select(column => new V1CustomResourceColumnDefinition
        {
            Name = column.Name,
            Type = column.Type,
            JsonPath = column.JsonPath,
            Description = column.Description,
            Priority = column.Priority == 0 ? null : column.Priority,
        });
}
