using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>Reads a watch stream line by line as it arrives.</summary>
public sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int Status => (int)_response.StatusCode;

    public string? TransferEncoding => _response.Headers.TransferEncodingChunked == true ? "chunked" : null;

    public static async Task<WatchReader> OpenAsync(HttpClient client, string pathAndQuery, CancellationToken cancellationToken, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new WatchReader(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<JsonObject?> NextAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken);
        return line is null ? null : (JsonObject)JsonNode.Parse(line)!;
    }

    /// <summary>Reads events until one satisfies <paramref name="predicate"/>; fails if the stream ends first.</summary>
    public async Task<JsonObject> NextMatchingAsync(Func<JsonObject, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await NextAsync(cancellationToken) ?? throw new AssertionException("the watch ended before the expected event");
            if (predicate(next))
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
