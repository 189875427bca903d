using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FutReindexOperator.Model;

[Description("The FHIR server, named by its Kubernetes Service. The operator reads the Service (ExternalName Services are refused) and builds the base URL scheme://host:port/basePath; the host follows the operator's configured template, by default {service}.{namespace}.svc.cluster.local.")]
public sealed class TargetSpec
{
    /// <summary>An RFC 1035 label, as Service names are.</summary>
    public const string ServiceNamePattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>An RFC 1123 label, as namespace names are.</summary>
    public const string NamespacePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>An absolute path of URL path characters.</summary>
    public const string BasePathPattern = "^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$";

    [Required]
    [JsonPropertyName("service")]
    [MaxLength(63)]
    [RegularExpression(ServiceNamePattern)]
    [Description("The name of the Service in front of the FHIR server.")]
    public string Service { get; set; } = "";

    [JsonPropertyName("namespace")]
    [MaxLength(63)]
    [RegularExpression(NamespacePattern)]
    [Description("The namespace of the Service. Absent: the ReindexJob's own namespace. Another namespace is refused unless the operator's configuration allows it.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("port")]
    [Range(1, 65535)]
    [Description("The Service port. Absent: the Service's port named http, else its only port.")]
    public int? Port { get; set; }

    [JsonPropertyName("scheme")]
    [Description("http or https. Inside an Istio mesh http is right: the sidecar provides mutual TLS.")]
    public TargetScheme Scheme { get; set; } = TargetScheme.Http;

    [JsonPropertyName("basePath")]
    [MaxLength(256)]
    [RegularExpression(BasePathPattern)]
    [Description("The path of the FHIR base on the server.")]
    public string BasePath { get; set; } = "/fhir";
}
