using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using Hl7.Fhir.Model;

namespace FutReindexOperator.Testing.HapiSimulator.Fhir;

/// <summary>
/// Everything under <c>/{service}/fhir/</c>: FUT's bearer check first, then the two reindex operations, and HAPI's
/// answers for wrong methods and unknown operations (protocol section 10.14).
/// </summary>
public static partial class FhirDispatcher
{
    public const string ReindexOperation = "$reindex";

    /// <summary>FUT's 401 wording.</summary>
    public const string AuthorizationRequired = "Authorization is required for the interaction that was attempted";

    public static async System.Threading.Tasks.Task HandleAsync(HttpContext context, string service, string? rest, SimulatorRuntime runtime, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runtime);
        var hapi = runtime.Options.Hapi;
        var request = context.Request;
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        rest ??= "";

        if (runtime.RequiresToken(service))
        {
            var decision = runtime.Jwt.Check(request.Headers.Authorization.ToString());
            if (decision.Verdict != AccessVerdict.Allowed)
            {
                LogRefused(logger, service, request.Method, rest, decision.Reason);
                var unauthenticated = decision.Verdict == AccessVerdict.Unauthenticated;
                if (unauthenticated)
                {
                    response.Headers.WWWAuthenticate = "Bearer";
                }

                var outcome = runtime.Outcomes.Outcome(unauthenticated
                    ? (OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Login, AuthorizationRequired)
                    : (OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Forbidden, decision.Diagnostics!));
                await FhirResponses.WriteResourceAsync(
                    response, hapi.HapiVersion, unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden, outcome, cancellationToken);
                return;
            }
        }

        try
        {
            if (rest == ReindexOperation)
            {
                if (HttpMethods.IsPost(request.Method))
                {
                    await ReindexSubmission.HandleAsync(context, service, runtime);
                    return;
                }

                response.Headers.Allow = "POST";
                await FhirResponses.WriteResourceAsync(
                    response, hapi.HapiVersion, StatusCodes.Status405MethodNotAllowed,
                    runtime.Outcomes.Error($"HTTP Method {request.Method} is not allowed for this operation. Methods allowed for this operation are: [POST]"),
                    cancellationToken);
                return;
            }

            if (rest == ReindexStatus.OperationName && hapi.Generation != HapiGeneration.Legacy && (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method)))
            {
                await ReindexStatus.HandleAsync(context, service, runtime);
                return;
            }

            var parameterNames = string.Join(", ", request.Query.Keys);
            await FhirResponses.WriteResourceAsync(
                response, hapi.HapiVersion, StatusCodes.Status400BadRequest,
                runtime.Outcomes.Outcome((OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.NotSupported,
                    $"Invalid request: The FHIR endpoint on this server does not know how to handle {request.Method} operation[{rest}] with parameters [[{parameterNames}]]")),
                cancellationToken);
        }
        catch (BadFhirRequestException exception)
        {
            response.Headers.Remove("content-location");
            response.Headers.Remove("x-progress");
            await FhirResponses.WriteResourceAsync(response, hapi.HapiVersion, StatusCodes.Status400BadRequest, runtime.Outcomes.Error(exception.Message), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} /{Service}/fhir/{Operation}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string service, string method, string operation, string reason);
}
