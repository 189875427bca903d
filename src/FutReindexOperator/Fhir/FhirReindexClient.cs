using System.Net.Http.Headers;
using System.Text;
using FutReindexOperator.Auth;
using FutReindexOperator.Model;

namespace FutReindexOperator.Fhir;

/// <summary>
/// The HTTP side of the HAPI dialect: sends <c>$reindex</c> and status requests to a <see cref="FhirBase"/> and turns
/// every answer or transport failure into an outcome value; only cancellation of <c>cancellationToken</c> throws.
/// Request URLs are built from the base alone, so the bearer token only ever goes to the base's origin; the primary
/// handler must not follow redirects (see <see cref="CreatePrimaryHandler"/>).
/// </summary>
public sealed class FhirReindexClient(HttpClient httpClient)
{
    /// <summary>The most characters of a body that are read; HAPI's answers are a few kilobytes.</summary>
    public const int MaxBodyCharacters = 1 << 20;

    /// <summary>A handler that never follows redirects, so credentials cannot be sent on to another origin.</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>POSTs <c>$reindex</c> with the spec's Parameters, <c>Prefer: respond-async</c> and FHIR JSON headers.</summary>
    public async Task<SubmitOutcome> SubmitAsync(FhirBase target, ReindexJobSpec spec, string? bearerToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(spec);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Resolve(ReindexRequestBuilder.OperationPath))
        {
            Content = new StringContent(ReindexRequestBuilder.BuildJson(spec), Encoding.UTF8, FhirMediaTypes.FhirJson),
        };
        request.Headers.Add("Prefer", "respond-async");
        return await ExchangeAsync<SubmitOutcome>(
            request,
            bearerToken,
            SubmitAnswerClassifier.Classify,
            unusable => new SubmitOutcome.CredentialsUnavailable(unusable),
            exception =>
            {
                var cause = TransportFailures.Describe(exception);
                return TransportFailures.ProvesNotSent(exception)
                    ? new SubmitOutcome.NotSent($"could not connect: {cause}")
                    : new SubmitOutcome.MaybeSent($"the request may have reached the server: {cause}");
            },
            cancellationToken);
    }

    /// <summary>GETs the status operation at <paramref name="pollPath"/>, relative to <paramref name="target"/>.</summary>
    public async Task<PollOutcome> PollAsync(FhirBase target, string pollPath, string? bearerToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Resolve(pollPath));
        return await ExchangeAsync<PollOutcome>(
            request,
            bearerToken,
            StatusAnswerClassifier.Classify,
            unusable => new PollOutcome.CredentialsUnavailable(unusable),
            exception => new PollOutcome.Transient(TransportFailures.Describe(exception)),
            cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> with the token and classifies the answer; a token that cannot be sent and a
    /// transport failure become outcomes too. Only cancellation of <paramref name="cancellationToken"/> throws.
    /// </summary>
    private async Task<TOutcome> ExchangeAsync<TOutcome>(
        HttpRequestMessage request,
        string? bearerToken,
        Func<FhirAnswer, TOutcome> classify,
        Func<CredentialFailure, TOutcome> tokenUnusable,
        Func<Exception, TOutcome> transportFailed,
        CancellationToken cancellationToken)
    {
        if (Prepare(request, bearerToken) is { } unusable)
        {
            return tokenUnusable(unusable);
        }

        try
        {
            return classify(await SendAsync(request, cancellationToken));
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return transportFailed(exception);
        }
    }

    /// <summary>
    /// Sets the Accept and Authorization headers; returns why the token cannot be sent (nothing was sent then), or null.
    /// The credential provider checks tokens already; checking here too keeps any token that cannot be a header value
    /// from failing inside the send (a line break throws, other bytes fail as HttpRequestException), where the failure
    /// could not be told from one after the request left and would count as a possible duplicate.
    /// </summary>
    private static CredentialFailure? Prepare(HttpRequestMessage request, string? bearerToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirMediaTypes.FhirJson));
        if (string.IsNullOrEmpty(bearerToken))
        {
            return null;
        }

        if (BearerTokens.Problem(bearerToken) is { } problem)
        {
            return new CredentialFailure(CredentialProblem.ValueUnusable, $"the bearer token cannot be sent: {problem}");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return null;
    }

    private async Task<FhirAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await ReadBoundedAsync(response.Content, cancellationToken);
        // The raw header: HAPI appends the job id unencoded, which a parsed Uri might reject.
        var contentLocation = response.Content.Headers.NonValidated.TryGetValues("Content-Location", out var values) ? values.FirstOrDefault() : null;
        return new FhirAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(), contentLocation, body);
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[8192];
        int chunk;
        while (text.Length < MaxBodyCharacters && (chunk = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, Math.Min(chunk, MaxBodyCharacters - text.Length));
        }

        return text.ToString();
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken)
        => exception is HttpRequestException or IOException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
