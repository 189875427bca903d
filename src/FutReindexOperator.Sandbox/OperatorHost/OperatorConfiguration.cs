using System.Globalization;
using FutReindexOperator.Sandbox.Options;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.Sandbox.OperatorHost;

/// <summary>
/// The environment the production operator runs with in the sandbox: the kubeconfig and ordinary configuration keys
/// of the host contract (nothing the operator knows as "sandbox").
/// </summary>
public static class OperatorConfiguration
{
    /// <summary>
    /// <c>KUBECONFIG</c>; the samples' namespace only; the Lease its leader-election Role grants (config/rbac); health endpoints on an ephemeral 127.0.0.1 port; FHIR bases at
    /// <c>127.0.0.1:{Service port}</c>; <paramref name="externalTargets"/> for targets a Service cannot express locally;
    /// the simulator's token endpoint as the one OAuth2 endpoint an administrator allows; short retry delays; default
    /// polling as fast as the simulated speed; enough parallel jobs per target for the extra jobs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(
        string kubeconfigPath, SandboxOptions options, int serviceCount, IReadOnlyList<(string Service, Uri BaseUrl)> externalTargets, Uri tokenUrl)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(externalTargets);
        ArgumentNullException.ThrowIfNull(tokenUrl);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KUBECONFIG"] = kubeconfigPath,
            ["OperatorRuntime__Namespaces__0"] = SandboxOptions.Namespace,
            ["OperatorRuntime__HttpPort"] = "0",
            ["OperatorRuntime__HttpBindAddress"] = "127.0.0.1",
            ["Reindex__Targets__HostTemplate"] = "127.0.0.1",
            ["Reindex__Auth__AllowedTokenEndpoints__0"] = tokenUrl.GetLeftPart(UriPartial.Authority),
            ["Reindex__MaxRunningPerTarget"] = Invariant(Math.Min(100, 1 + ((options.ExtraJobs + serviceCount - 1) / Math.Max(1, serviceCount)))),
            ["Reindex__RetryBase"] = "00:00:01",
            ["Reindex__RetryCap"] = "00:00:05",
            ["Reindex__RefusedRetryBase"] = "00:00:05",
            ["Reindex__WaitingRecheck"] = "00:00:02",

            // Jobs that leave polling out poll as often as the simulated speed makes sense (production: 15 s doubling to 60 s).
            ["Reindex__Polling__FirstInterval"] = options.Speed.PollInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Reindex__Polling__MaxInterval"] = (options.Speed.PollInterval * 2).ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in RbacInstall.OperatorSettings(OperatorRbac.Namespaced, SandboxOptions.Namespace))
        {
            environment[key] = value;
        }

        for (var index = 0; index < externalTargets.Count; index++)
        {
            var prefix = $"Reindex__Targets__ExternalTargets__{Invariant(index)}__";
            environment[prefix + "Namespace"] = SandboxOptions.Namespace;
            environment[prefix + "Service"] = externalTargets[index].Service;
            environment[prefix + "BaseUrl"] = externalTargets[index].BaseUrl.ToString();
        }

        return environment;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
