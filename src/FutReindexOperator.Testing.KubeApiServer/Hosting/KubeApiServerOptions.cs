using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

/// <summary>How the Kubernetes API test server listens and how much it remembers.</summary>
public sealed class KubeApiServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <c>BaseAddress</c>).</summary>
    /// <value>0</value>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>TCP port of the HTTPS listener on 127.0.0.1 (what kubeconfigs point at); 0 picks a free one.</summary>
    /// <value>0</value>
    [Range(0, 65535)]
    public int HttpsPort { get; set; }

    /// <summary>
    /// How many changes are kept for watches to resume from; older resource versions get 410 Gone. Each kept
    /// change holds one object state, so this bounds the history's memory.
    /// </summary>
    /// <value>20000</value>
    [Range(1, 10_000_000)]
    public int HistoryWindow { get; set; } = 20_000;

    /// <summary>How often watches that allow bookmarks receive one.</summary>
    /// <value>1 minute</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many recent requests the request log keeps in full (counters are kept for all).</summary>
    /// <value>10000</value>
    [Range(0, 1_000_000)]
    public int RequestLogCapacity { get; set; } = 10_000;

    /// <summary>Validates the options; throws <see cref="ValidationException"/> naming the first bad field.</summary>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
