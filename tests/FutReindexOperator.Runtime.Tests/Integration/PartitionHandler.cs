namespace FutReindexOperator.Runtime.Tests.Integration;

/// <summary>
/// Sits between a runtime instance's client and the network; <see cref="Cut"/> makes every request fail as if the
/// process had died or lost the network, without giving it the chance to say goodbye.
/// </summary>
public sealed class PartitionHandler : DelegatingHandler
{
    private volatile bool _cut;

    public void Cut() => _cut = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _cut ? throw new HttpRequestException("Partitioned by the test.") : base.SendAsync(request, cancellationToken);
}
