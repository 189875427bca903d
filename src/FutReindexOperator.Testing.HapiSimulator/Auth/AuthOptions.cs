using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>FUT-style bearer authorization and the Keycloak token endpoint.</summary>
public sealed class AuthOptions
{
    /// <summary>Whether FHIR services demand a bearer token. <value>Default: <c>true</c>.</value></summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>Services that answer without a token even when <see cref="RequireToken"/> is on. <value>Default: none.</value></summary>
    public IList<string> ServicesWithoutAuth { get; init; } = [];

    /// <summary>Whether unsigned <c>alg: none</c> tokens (as in FUT's examples) are accepted. <value>Default: <c>true</c>.</value></summary>
    public bool AcceptAlgNone { get; set; } = true;

    /// <summary>
    /// Opaque bearer tokens (not JWTs) accepted as a caller holding the required role and user type, as a gateway that
    /// introspects them would; for fixed tokens kept in a Secret. <value>Default: none.</value>
    /// </summary>
    public IList<string> StaticTokens { get; init; } = [];

    /// <summary>The realm role a caller must hold. <value>Default: <c>$reindex</c>.</value></summary>
    [Required]
    public string RequiredRole { get; set; } = "$reindex";

    /// <summary>The <c>user_type</c> a caller must have. <value>Default: <c>SYSTEM</c>.</value></summary>
    [Required]
    public string RequiredUserType { get; set; } = "SYSTEM";

    /// <summary>The Keycloak realm of the token endpoint. <value>Default: <c>ehealth</c>.</value></summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Realm must be letters, digits, '_' or '-'.")]
    public string Realm { get; set; } = "ehealth";

    /// <summary>Lifetime of issued access tokens. <value>Default: 5 minutes.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "AccessTokenLifetime must be between 1 second and 1 day.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of issued refresh tokens. <value>Default: 30 minutes.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "RefreshTokenLifetime must be between 1 second and 30 days.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Known clients. <value>Default: a confidential <c>fut-reindex-operator</c> (secret <c>operator-secret</c>) and the public <c>systematic_admin</c>.</value></summary>
    public IList<ClientAccount> Clients { get; init; } =
    [
        new() { ClientId = "fut-reindex-operator", Secret = "operator-secret" },
        new() { ClientId = "systematic_admin", ServiceAccountEnabled = false },
    ];

    /// <summary>Known users. <value>Default: <c>reindex-system</c> / <c>reindex-password</c>, SYSTEM, <c>$reindex</c>.</value></summary>
    public IList<UserAccount> Users { get; init; } =
    [
        new() { Username = "reindex-system", Password = "reindex-password" },
    ];
}
