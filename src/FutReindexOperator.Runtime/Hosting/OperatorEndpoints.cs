using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Prometheus;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>
/// The operator's three HTTP endpoints as one Kestrel application: <c>/healthz</c> (liveness: no stalled watch and no
/// reconcile worker stopped unexpectedly),
/// <c>/readyz</c> (readiness: every cache synced, on the leader and on standbys) and <c>/metrics</c> (Prometheus text
/// format of the runtime's registry). Probes answer 200 or 503 with the overall status on the first line (what probes
/// and people look for), then one line per check. A controller whose CRD is missing makes both probes Degraded (200,
/// with a <c>crds-installed</c> line naming it), never Unhealthy.
/// </summary>
/// <remarks>
/// Three fixed paths need no routing, endpoint or health-check middleware: leaving them out of the process keeps
/// about 7 MiB of resident memory off an idle operator (docs/benchmarks).
/// </remarks>
internal sealed class OperatorEndpoints(RuntimeHealth health, CollectorRegistry metrics) : IHttpApplication<HttpContext>
{
    private const string ReadyCheck = "informers-synced";
    private const string WatchesCheck = "watches-fresh";
    private const string WorkersCheck = "workers-alive";
    private const string CrdsCheck = "crds-installed";

    /// <summary>A check's outcome, worst last: only <see cref="Unhealthy"/> fails the probe.</summary>
    private enum Health
    {
        Healthy,
        Degraded,
        Unhealthy,
    }

    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }

    public Task ProcessRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }

        return request.Path.Value switch
        {
            "/healthz" => WriteProbeAsync(context, Live()),
            "/readyz" => WriteProbeAsync(context, Ready()),
            "/metrics" => WriteMetricsAsync(context),
            _ => NotFound(context),
        };
    }

    private (string Check, Health Health, string Description)[] Ready()
    {
        var unsynced = health.Unsynced();
        var missing = health.MissingCrds();
        return
        [
            unsynced.Count == 0
                ? (ReadyCheck, Health.Healthy, missing.Count == 0 ? "Every cache has synced." : "Every cache has synced, but those waiting for their CustomResourceDefinition.")
                : (ReadyCheck, Health.Unhealthy, $"Caches not yet synced: {string.Join(", ", unsynced)}."),
            .. MissingCrdsCheck(missing),
        ];
    }

    private (string Check, Health Health, string Description)[] Live()
    {
        var stalled = health.Stalled();
        var dead = health.DeadWorkers();
        return
        [
            stalled.Count == 0
                ? (WatchesCheck, Health.Healthy, "Every watch delivered events or bookmarks recently.")
                : (WatchesCheck, Health.Unhealthy, "Stalled watches: " + string.Join(", ", stalled.Select(watch => $"{watch.Controller} '{watch.Scope}' silent for {watch.SinceLastActivity}")) + "."),
            dead.Count == 0
                ? (WorkersCheck, Health.Healthy, "No reconcile worker stopped unexpectedly.")
                : (WorkersCheck, Health.Unhealthy, "Reconcile workers stopped after repeated faults: " + string.Join(", ", dead.Select(workers => $"{workers.Controller} ({workers.StoppedUnexpectedly})")) + "."),
            .. MissingCrdsCheck(health.MissingCrds()),
        ];
    }

    /// <summary>
    /// Degraded, not unhealthy: a controller whose CRD is missing waits for it (and starts when it appears) while the
    /// others work, so neither probe fails for it; shown only while a CRD is missing.
    /// </summary>
    private static (string Check, Health Health, string Description)[] MissingCrdsCheck(IReadOnlyList<(string Controller, string Crd)> missing)
        => missing.Count == 0
            ? []
            : [(CrdsCheck, Health.Degraded, "Controllers waiting for their CustomResourceDefinition (not served by the API server; install it): "
                + string.Join(", ", missing.Select(item => $"{item.Controller} needs {item.Crd}")) + ".")];

    private static Task WriteProbeAsync(HttpContext context, (string Check, Health Health, string Description)[] checks)
    {
        var overall = checks.Length == 0 ? Health.Healthy : checks.Max(check => check.Health);
        context.Response.StatusCode = overall == Health.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, no-cache";
        var lines = checks.Select(check => $"{check.Check}: {check.Health}: {check.Description}\n");
        return context.Response.WriteAsync($"{overall}\n{string.Concat(lines)}", context.RequestAborted);
    }

    private Task WriteMetricsAsync(HttpContext context)
    {
        context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
        return metrics.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
