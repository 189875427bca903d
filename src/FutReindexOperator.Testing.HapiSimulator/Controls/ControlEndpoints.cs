using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using FutReindexOperator.Testing.HapiSimulator.Mesh;

namespace FutReindexOperator.Testing.HapiSimulator.Controls;

/// <summary>The HTTP control API under <c>/_sim</c>: the <see cref="SimulatorControls"/> for other processes.</summary>
public static class ControlEndpoints
{
    /// <summary>The body of <c>POST /_sim/jobs/foreign</c>.</summary>
    public sealed record ForeignJobRequest(string Service, string JobDefinitionId = "BULK_MODIFY");

    /// <summary>The body of <c>POST /_sim/job-ids</c>.</summary>
    public sealed record JobIdRequest(string Id);

    public static void Map(IEndpointRouteBuilder endpoints, SimulatorControls controls, SimulatorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(runtime);
        var sim = endpoints.MapGroup(MeshMiddleware.ControlPrefix);
        sim.MapGet("/health", () => Results.Text("ok"));
        sim.MapGet("/info", (HttpContext context) => Results.Ok(new
        {
            services = runtime.Options.Services.ToDictionary(
                service => service,
                service => new { basePath = $"/{service}/fhir", publicBaseUrl = runtime.Options.PublicBaseUrl(service), requiresToken = runtime.RequiresToken(service) }),
            tokenPath = $"/auth/realms/{runtime.Options.Auth.Realm}/protocol/openid-connect/token",
            generation = runtime.Options.Hapi.Generation.ToString(),
            now = runtime.TimeProvider.GetUtcNow(),
        }));

        sim.MapGet("/jobs", (string? service) => Results.Ok(controls.Jobs(service)));
        sim.MapGet("/jobs/{id}", (string id) => controls.Job(id) is { } job ? Results.Ok(job) : UnknownJob(id));
        sim.MapPost("/jobs/{id}/cancel", (string id) => controls.Cancel(id) ? Results.Ok(controls.Job(id)) : Results.Conflict(Error($"Job '{id}' is unknown or has ended.")));
        sim.MapDelete("/jobs/{id}", (string id) => controls.Purge(id) ? Results.NoContent() : UnknownJob(id));
        sim.MapPut("/jobs/{id}/script", (string id, JobScript script) => Guarded(() => controls.SetJobScript(id, script) ? Results.Ok(controls.Job(id)) : UnknownJob(id)));
        sim.MapPost("/jobs/foreign", (ForeignJobRequest request) => Guarded(() => Results.Ok(controls.CreateForeignJob(request.Service, request.JobDefinitionId))));
        sim.MapPost("/job-ids", (JobIdRequest request) => Guarded(() =>
        {
            controls.EnqueueJobId(request.Id);
            return Results.NoContent();
        }));

        sim.MapPut("/services/{service}/script", (string service, JobScript script) => Guarded(() =>
        {
            controls.SetServiceScript(service, script);
            return Results.NoContent();
        }));
        sim.MapPost("/services/{service}/scripts", (string service, JobScript script) => Guarded(() =>
        {
            controls.EnqueueScript(service, script);
            return Results.NoContent();
        }));

        sim.MapPost("/maintenance", () => Results.Ok(new { changed = controls.RunMaintenance() }));

        sim.MapGet("/faults", () => Results.Ok(controls.Faults));
        sim.MapPost("/faults", (FaultRule rule) => Guarded(() => Results.Ok(new { id = controls.AddFault(rule) })));
        sim.MapDelete("/faults/{id}", (string id) => controls.RemoveFault(id) ? Results.NoContent() : Results.NotFound(Error($"Fault '{id}' is unknown.")));
        sim.MapDelete("/faults", () =>
        {
            controls.ClearFaults();
            return Results.NoContent();
        });

        sim.MapGet("/requests", () => Results.Ok(controls.Requests));
        sim.MapDelete("/requests", () =>
        {
            controls.ClearRequests();
            return Results.NoContent();
        });
        sim.MapGet("/counters", () => Results.Ok(controls.Counters));
        sim.MapPost("/reset", () =>
        {
            controls.Reset();
            return Results.NoContent();
        });
    }

    private static IResult Guarded(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException exception)
        {
            return Results.BadRequest(Error(exception.Message));
        }
    }

    private static IResult UnknownJob(string id) => Results.NotFound(Error($"Job '{id}' is unknown."));

    private static object Error(string message) => new { error = message };
}
