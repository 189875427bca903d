using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using k8s.Models;

namespace FutReindexOperator.Targets;

/// <summary>
/// Resolves a job's target to a FHIR base: a Service in the job's own namespace (or one the options allow), never an
/// ExternalName Service, on a chosen port, at a host from the configured template; or an allowlisted external base.
/// </summary>
public static class TargetResolver
{
    public static TargetPlan Plan(ReindexJob job, TargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var target = job.Spec.Target;
        var jobNamespace = job.Metadata.NamespaceProperty;
        var targetNamespace = string.IsNullOrEmpty(target.Namespace) ? jobNamespace : target.Namespace;
        if (targetNamespace != jobNamespace && !options.AllowedNamespaces.Contains(targetNamespace))
        {
            return new TargetPlan.Known(new TargetObservation.Refused(
                $"target namespace '{targetNamespace}' is not the job's own namespace '{jobNamespace}', and the operator's configuration does not allow it (Reindex:Targets:AllowedNamespaces)"));
        }

        var external = options.ExternalTargets.FirstOrDefault(entry => entry.Namespace == targetNamespace && entry.Service == target.Service);
        if (external is not null)
        {
            return Uri.TryCreate(external.BaseUrl, UriKind.Absolute, out var baseUri) && FhirBase.TryCreate(baseUri, out var fhirBase)
                ? new TargetPlan.Known(new TargetObservation.Resolved(fhirBase))
                : new TargetPlan.Known(new TargetObservation.Refused($"the operator's external target for {targetNamespace}/{target.Service} is not an absolute http(s) URL"));
        }

        return new TargetPlan.ReadService(targetNamespace, target.Service);
    }

    /// <summary>The FHIR base from the Service read for <see cref="TargetPlan.ReadService"/>; <paramref name="service"/> is null when it does not exist.</summary>
    public static TargetObservation FromService(ReindexJob job, V1Service? service, TargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var target = job.Spec.Target;
        var targetNamespace = string.IsNullOrEmpty(target.Namespace) ? job.Metadata.NamespaceProperty : target.Namespace;
        var name = $"{targetNamespace}/{target.Service}";
        if (service is null)
        {
            return new TargetObservation.NotFound($"Service {name} not found");
        }

        if (string.Equals(service.Spec?.Type, "ExternalName", StringComparison.OrdinalIgnoreCase))
        {
            return new TargetObservation.Refused($"Service {name} is of type ExternalName, which the operator refuses: it can point outside the cluster");
        }

        var ports = service.Spec?.Ports ?? [];
        int port;
        if (target.Port is { } wanted)
        {
            if (!ports.Any(candidate => candidate.Port == wanted))
            {
                return new TargetObservation.Refused($"Service {name} has no port {wanted}; its ports are {Describe(ports)}");
            }

            port = wanted;
        }
        else if (ports.FirstOrDefault(candidate => candidate.Name == "http") is { } http)
        {
            port = http.Port;
        }
        else if (ports.Count == 1)
        {
            port = ports[0].Port;
        }
        else
        {
            return new TargetObservation.Refused(ports.Count == 0
                ? $"Service {name} has no ports"
                : $"Service {name} has several ports ({Describe(ports)}) and none is named http; set spec.target.port");
        }

        var host = options.HostTemplate.Replace("{service}", target.Service, StringComparison.Ordinal).Replace("{namespace}", targetNamespace, StringComparison.Ordinal);
        var scheme = target.Scheme == TargetScheme.Https ? "https" : "http";
        return Uri.TryCreate($"{scheme}://{host}:{port}{target.BasePath}", UriKind.Absolute, out var baseUri) && FhirBase.TryCreate(baseUri, out var fhirBase)
            ? new TargetObservation.Resolved(fhirBase)
            : new TargetObservation.Refused($"the FHIR base for Service {name} is not a valid URL; check spec.target.basePath and the operator's host template");
    }

    private static string Describe(IEnumerable<V1ServicePort> ports)
        => string.Join(", ", ports.Select(port => port.Name is null ? $"{port.Port}" : $"{port.Name}:{port.Port}"));
}
