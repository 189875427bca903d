using Microsoft.Extensions.Logging;

namespace FutReindexOperator.Runtime.Diagnostics;

/// <summary>The watch's log lines about a kind the API server does not serve (its CRD is missing).</summary>
internal static partial class Log
{
    [LoggerMessage(110, LogLevel.Error, "The {Controller} controller cannot start: {Reason} Install it: {InstallHint}. Helm installs crds/ only on first install and never upgrades them. The other controllers run; this one lists again with backoff (at most every {MaxDelay}) and starts without a restart once the CustomResourceDefinition {Crd} exists")]
    public static partial void WatchTypeNotServed(this ILogger logger, string controller, string reason, string installHint, TimeSpan maxDelay, string crd);

    [LoggerMessage(111, LogLevel.Debug, "CustomResourceDefinition {Crd} of {Controller} in scope '{Scope}' is still missing ({Attempts} lists); listing again in {Delay}")]
    public static partial void WatchTypeStillNotServed(this ILogger logger, string crd, string controller, string scope, int attempts, TimeSpan delay);

    [LoggerMessage(112, LogLevel.Information, "CustomResourceDefinition {Crd} of {Controller} is served now (in scope '{Scope}'); the controller starts")]
    public static partial void WatchTypeServed(this ILogger logger, string crd, string controller, string scope);
}
