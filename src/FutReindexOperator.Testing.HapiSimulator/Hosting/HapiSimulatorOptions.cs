using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Testing.HapiSimulator.Auth;
using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Jobs;

namespace FutReindexOperator.Testing.HapiSimulator.Hosting;

/// <summary>Everything the simulator can be told at start; bound from the <c>HapiSimulator</c> configuration section when standalone.</summary>
public sealed class HapiSimulatorOptions : IValidatableObject
{
    /// <summary>The configuration section the standalone process binds.</summary>
    public const string SectionName = "HapiSimulator";

    /// <summary>The port on 127.0.0.1; 0 lets the system choose (read it back from the running simulator). <value>Default: 0.</value></summary>
    [Range(0, 65535, ErrorMessage = "Port must be between 0 and 65535.")]
    public int Port { get; set; }

    /// <summary>The simulated FHIR services; each is served under <c>/{service}/fhir</c>. <value>Default: <c>organization</c>.</value></summary>
    [MinLength(1, ErrorMessage = "Services must name at least one FHIR service.")]
    public IList<string> Services { get; init; } = ["organization"];

    /// <summary>
    /// Whether each service also gets its own listener on 127.0.0.1 (an ephemeral port, read it back with
    /// <see cref="HapiFhirSimulator.ServicePort"/>) serving it at <c>/fhir</c>, as a Kubernetes Service port in front of
    /// one FHIR server would. <value>Default: <c>false</c>.</value>
    /// </summary>
    public bool ServiceListeners { get; set; }

    /// <summary>The namespace in the default public base URLs. <value>Default: <c>sim</c>.</value></summary>
    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", ErrorMessage = "Namespace must be a DNS label (lowercase letters, digits and '-').")]
    public string Namespace { get; set; } = "sim";

    /// <summary>
    /// The base URL HAPI believes it has (used in Content-Location and poll URLs, never the listening address);
    /// <c>{service}</c> and <c>{namespace}</c> are replaced. <value>Default: <c>https://{service}.{namespace}.local/fhir</c>.</value>
    /// </summary>
    [Required]
    public string PublicBaseUrlTemplate { get; set; } = "https://{service}.{namespace}.local/fhir";

    /// <summary>Per-service public base URLs that replace the template, e.g. FUT's <c>https://organization.cit-organization-1498.local/fhir</c>. <value>Default: none.</value></summary>
    public IDictionary<string, string> PublicBaseUrls { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Time between automatic maintenance passes, on the simulator's clock. <value>Default: 60 seconds (HAPI's).</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "MaintenanceInterval must be between 1 ms and 1 day.")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether maintenance passes run by themselves; when off only the "run maintenance" control moves jobs. <value>Default: <c>true</c>.</value></summary>
    public bool AutomaticMaintenance { get; set; } = true;

    /// <summary>
    /// Whether HTTP/1.1 answers carry lowercase header names on the wire, as Envoy sends them (Kestrel writes the names
    /// it knows in canonical case). Answers are then always sent with Content-Length. <value>Default: <c>true</c>.</value>
    /// </summary>
    public bool LowercaseHeaderNames { get; set; } = true;

    /// <summary>The seed of the random that decides probabilistic faults. <value>Default: 1.</value></summary>
    public int Seed { get; set; } = 1;

    /// <summary>How many requests the recorder keeps (the oldest are dropped). <value>Default: 10000.</value></summary>
    [Range(1, 10_000_000, ErrorMessage = "MaxRecordedRequests must be between 1 and 10000000.")]
    public int MaxRecordedRequests { get; set; } = 10_000;

    /// <summary>The HAPI knobs. </summary>
    public HapiBehaviourOptions Hapi { get; init; } = new();

    /// <summary>Authorization and the token endpoint.</summary>
    public AuthOptions Auth { get; init; } = new();

    /// <summary>The script of jobs with no other script.</summary>
    public JobTimelineOptions DefaultJob { get; init; } = new();

    /// <summary>The public base URL of <paramref name="service"/>, without a trailing slash.</summary>
    public string PublicBaseUrl(string service) =>
        (PublicBaseUrls.TryGetValue(service, out var configured)
            ? configured
            : PublicBaseUrlTemplate.Replace("{service}", service, StringComparison.Ordinal).Replace("{namespace}", Namespace, StringComparison.Ordinal))
        .TrimEnd('/');

    /// <summary>Validates these options and the nested ones; throws <see cref="ArgumentException"/> listing every problem.</summary>
    public void ValidateOrThrow()
    {
        // The validator skips IValidatableObject when an attribute fails; every problem is reported at once instead.
        var context = new ValidationContext(this);
        var problems = new List<ValidationResult>();
        foreach (var property in GetType().GetProperties().Where(property => property.GetIndexParameters().Length == 0))
        {
            context.MemberName = property.Name;
            Validator.TryValidateProperty(property.GetValue(this), context, problems);
        }

        problems.AddRange(Validate(new ValidationContext(this)));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid HapiSimulator options: " + string.Join(" ", problems.Select(problem => problem.ErrorMessage)));
        }
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var service in Services)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(service, "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$") || service is "auth" or "_sim")
            {
                yield return new ValidationResult(
                    $"Services: '{service}' must be a DNS label (lowercase letters, digits and '-') other than 'auth'.", [nameof(Services)]);
            }
        }

        if (Services.Distinct(StringComparer.Ordinal).Count() != Services.Count)
        {
            yield return new ValidationResult("Services must not name a service twice.", [nameof(Services)]);
        }

        foreach (var service in Services)
        {
            if (!Uri.TryCreate(PublicBaseUrl(service), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult(
                    $"PublicBaseUrlTemplate/PublicBaseUrls: the base URL of '{service}' must be an absolute http(s) URL, not '{PublicBaseUrl(service)}'.",
                    [nameof(PublicBaseUrlTemplate)]);
            }
        }

        foreach (var nested in new object[] { Hapi, Auth, DefaultJob }.Concat(Auth.Clients).Concat(Auth.Users))
        {
            var problems = new List<ValidationResult>();
            Validator.TryValidateObject(nested, new ValidationContext(nested), problems, validateAllProperties: true);
            foreach (var problem in problems)
            {
                yield return new ValidationResult($"{nested.GetType().Name}: {problem.ErrorMessage}", problem.MemberNames);
            }
        }
    }
}
