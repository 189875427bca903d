using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Runtime.Leadership;

/// <summary>Leader election on a <c>coordination.k8s.io/v1</c> Lease, so only one replica reconciles.</summary>
public sealed class LeaderElectionOptions : IValidatableObject
{
    /// <summary>Whether to elect a leader; off means this instance always reconciles (run one replica only).</summary>
    /// <value>Default: true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The Lease's name, shared by all replicas of the operator.</summary>
    /// <value>Default: <c>operator-leader</c>.</value>
    [Required]
    [RegularExpression("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", ErrorMessage = "LeaseName must be a DNS subdomain name (lower-case letters, digits, '-', '.').")]
    public string LeaseName { get; set; } = "operator-leader";

    /// <summary>The Lease's namespace.</summary>
    /// <value>Default: the <c>POD_NAMESPACE</c> environment variable, else <c>default</c>.</value>
    [Required]
    public string LeaseNamespace { get; set; } = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default";

    /// <summary>This candidate's identity, written into the Lease as its holder.</summary>
    /// <value>Default: the <c>POD_NAME</c> environment variable, else the host name.</value>
    [Required]
    public string Identity { get; set; } = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName;

    /// <summary>How long a lease lasts without renewal: the longest a successor waits after an abrupt stop.</summary>
    /// <value>Default: 15 s (client-go's default).</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership.</summary>
    /// <value>Default: 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The interval between acquire or renew attempts.</summary>
    /// <value>Default: 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenewDeadline >= LeaseDuration)
        {
            yield return new ValidationResult(
                $"LeaderElection:RenewDeadline ({RenewDeadline}) must be shorter than LeaderElection:LeaseDuration ({LeaseDuration}).",
                [nameof(RenewDeadline)]);
        }

        if (RetryPeriod >= RenewDeadline)
        {
            yield return new ValidationResult(
                $"LeaderElection:RetryPeriod ({RetryPeriod}) must be shorter than LeaderElection:RenewDeadline ({RenewDeadline}).",
                [nameof(RetryPeriod)]);
        }
    }
}
