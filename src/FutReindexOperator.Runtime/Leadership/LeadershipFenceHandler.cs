namespace FutReindexOperator.Runtime.Leadership;

/// <summary>
/// An HTTP handler that lets a request out only while this replica is sure it leads (<see cref="LeadershipFence"/>),
/// checked as late as possible: right before the request goes to the next handler. A refused request throws
/// <see cref="LeadershipUncertainException"/> and is certainly not sent.
/// </summary>
internal sealed class LeadershipFenceHandler(ILeaderGate gate) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        gate.ThrowIfNotLeading($"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}");
        return base.SendAsync(request, cancellationToken);
    }
}
