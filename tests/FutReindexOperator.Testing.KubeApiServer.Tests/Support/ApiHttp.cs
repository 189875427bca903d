using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Auth;
using FutReindexOperator.Testing.KubeApiServer.Hosting;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>Plain HTTP calls against the test server, returning status and parsed JSON body; with a bearer token when given one.</summary>
public sealed class ApiHttp : IDisposable
{
    private readonly HttpClient _client;

    public ApiHttp(Uri baseAddress, string? token = null)
    {
        _client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>As the server's built-in admin (group <c>system:masters</c>).</summary>
    public static ApiHttp AsAdmin(KubeApiTestServer server) => new(server.BaseAddress, server.TokenFor(UserInfo.Admin));

    public HttpClient Client => _client;

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken, string? accept = null) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken, accept);

    public Task<ApiResponse> PostAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json", cancellationToken);

    public Task<ApiResponse> PutAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json", cancellationToken);

    public Task<ApiResponse> PatchAsync(string path, string body, string contentType, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, body, contentType, cancellationToken);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, null, cancellationToken);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return new ApiResponse((int)response.StatusCode, json as JsonObject, text, response.Headers);
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>A response: status code, JSON object body (if any) and raw text for assertion messages.</summary>
public sealed record ApiResponse(int Status, JsonObject? Json, string Text, HttpResponseHeaders Headers)
{
    public JsonObject Body => Json ?? throw new AssertionException($"expected a JSON object body, got {Status}: {Text}");

    public override string ToString() => $"{Status} {Text}";
}
