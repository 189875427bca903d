using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Runtime.Leadership;

namespace FutReindexOperator.Runtime.Hosting;

/// <summary>Settings of the controller runtime, bound from the <c>OperatorRuntime</c> configuration section.</summary>
public sealed class OperatorRuntimeOptions : IValidatableObject
{
    public const string SectionName = "OperatorRuntime";

    /// <summary>The namespaces to watch.</summary>
    /// <value>Default: empty, meaning all namespaces.</value>
    public IList<string> Namespaces { get; } = [];

    /// <summary>A label selector objects must match to be watched, for example <c>team=search</c>.</summary>
    /// <value>Default: null, every object.</value>
    public string? LabelSelector { get; set; }

    /// <summary>Reconciles run at the same time per controller (different keys only).</summary>
    /// <value>Default: 2.</value>
    [Range(1, 256)]
    public int MaxConcurrentReconciles { get; set; } = 2;

    /// <summary>How often every cached object is reconciled even without a change: the safety net.</summary>
    /// <value>Default: 10 h (controller-runtime's SyncPeriod).</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromHours(10);

    /// <summary>The <c>timeoutSeconds</c> asked of the server for each watch stream.</summary>
    /// <value>Default: 290 s (kube-rs).</value>
    [Range(1, 3600)]
    public int WatchTimeoutSeconds { get; set; } = 290;

    /// <summary>Restart a watch stream that delivers nothing, not even a bookmark, for this long.</summary>
    /// <value>Default: 295 s (the server timeout plus 5 s).</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan WatchInactivityTimeout { get; set; } = TimeSpan.FromSeconds(295);

    /// <summary>A watch silent (no events, no bookmarks, no list) for longer is reported stalled in /healthz and metrics.</summary>
    /// <value>Default: 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan WatchStalledAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the first failed list or watch; doubles per failure, jittered.</summary>
    /// <value>Default: 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan WatchBackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on the wait between failed lists or watches.</summary>
    /// <value>Default: 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan WatchBackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The cap on the wait between lists of a kind the API server does not serve (its CRD is missing): the controller
    /// starts at most this long after the CRD is created.
    /// </summary>
    /// <value>Default: 2 min.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan WatchCrdMissingRetryMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after a key's first failed reconcile; doubles per consecutive failure.</summary>
    /// <value>Default: 5 ms (controller-runtime).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ReconcileBackoffBase { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The cap on a failing key's retry delay; it is retried at this interval forever.</summary>
    /// <value>Default: 1000 s (controller-runtime).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReconcileBackoffMax { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>The port serving <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>; 0 picks a free port.</summary>
    /// <value>Default: 8080.</value>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>
    /// The address that port binds to: an IPv4 or IPv6 address. <c>::</c> listens on every IPv6 and, dual-stack, every
    /// IPv4 interface (an IPv6-only or dual-stack cluster); <c>127.0.0.1</c> or <c>::1</c> keep it on loopback.
    /// </summary>
    /// <value>Default: <c>0.0.0.0</c> (all IPv4 interfaces, as a pod needs).</value>
    [Required]
    public string HttpBindAddress { get; set; } = "0.0.0.0";

    /// <summary>The <c>reportingController</c> of events.</summary>
    /// <value>Default: <c>operator-runtime</c>.</value>
    [Required]
    [StringLength(128)]
    public string EventReportingController { get; set; } = "operator-runtime";

    /// <summary>Leader election between replicas.</summary>
    public LeaderElectionOptions LeaderElection { get; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WatchInactivityTimeout < TimeSpan.FromSeconds(WatchTimeoutSeconds))
        {
            yield return new ValidationResult(
                $"{SectionName}:WatchInactivityTimeout ({WatchInactivityTimeout}) must be at least WatchTimeoutSeconds ({WatchTimeoutSeconds} s), " +
                "or healthy streams the server is about to close are cut short.",
                [nameof(WatchInactivityTimeout)]);
        }

        if (!System.Net.IPAddress.TryParse(HttpBindAddress, out _))
        {
            yield return new ValidationResult(
                $"{SectionName}:HttpBindAddress '{HttpBindAddress}' must be an IP address such as 0.0.0.0, ::, 127.0.0.1 or ::1.", [nameof(HttpBindAddress)]);
        }

        if (WatchBackoffMax < WatchBackoffBase)
        {
            yield return new ValidationResult($"{SectionName}:WatchBackoffMax must not be below WatchBackoffBase.", [nameof(WatchBackoffMax)]);
        }

        if (ReconcileBackoffMax < ReconcileBackoffBase)
        {
            yield return new ValidationResult($"{SectionName}:ReconcileBackoffMax must not be below ReconcileBackoffBase.", [nameof(ReconcileBackoffMax)]);
        }

        if (Namespaces.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"{SectionName}:Namespaces must not contain empty names; leave the list empty for all namespaces.", [nameof(Namespaces)]);
        }

        if (LeaderElection.Enabled)
        {
            var context = new ValidationContext(LeaderElection);
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(LeaderElection, context, results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{SectionName}:LeaderElection: {result.ErrorMessage}", result.MemberNames);
            }
        }
    }
}
