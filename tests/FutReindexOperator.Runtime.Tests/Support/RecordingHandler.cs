using System.Collections.Concurrent;
using System.Net;
using System.Text;
using k8s;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>
/// Stands in for the API server at the HTTP level: records each request (method, path, content type, body) and answers
/// with what <see cref="Respond"/> returns; no network.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Func<RecordedRequest, HttpResponseMessage> Respond { get; set; } = _ => Json(HttpStatusCode.OK, "{}");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public IKubernetes CreateClient() =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method, request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentType?.MediaType, body);
        _requests.Enqueue(recorded);
        var response = Respond(recorded);
        response.RequestMessage = request;
        return response;
    }
}

public sealed record RecordedRequest(string Method, string Path, string? ContentType, string? Body);
