using FutReindexOperator.Hosting;

namespace FutReindexOperator.Auth;

/// <summary>Credential handling (configuration section <see cref="SectionName"/>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Origins (scheme://host[:port]) of the token endpoints ReindexJobs may use; the job's Secret values are only
    /// ever sent there. A job's <c>spec.auth.oauth2.tokenUrl</c> is written by whoever may create ReindexJobs in a
    /// namespace, so the operator never POSTs credentials to an origin an administrator has not listed.
    /// </summary>
    /// <value>Default empty: no OAuth2 token endpoint is allowed.</value>
    public IList<string> AllowedTokenEndpoints { get; init; } = [];

    /// <summary>How long before its expiry a cached token is renewed (at most half its lifetime).</summary>
    /// <value>Default 30 seconds.</value>
    [SettingRange(ReindexOperatorServiceCollectionExtensions.AuthSection, typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromSeconds(30);
}
