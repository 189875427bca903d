using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>A Keycloak client known to the token endpoint.</summary>
public sealed class ClientAccount
{
    [Required(ErrorMessage = "ClientId is required.")]
    public string ClientId { get; set; } = "";

    /// <summary>The client secret; null makes it a public client (password grant only). <value>Default: null.</value></summary>
    public string? Secret { get; set; }

    /// <summary>Whether <c>client_credentials</c> may issue a service-account token. <value>Default: <c>true</c>.</value></summary>
    public bool ServiceAccountEnabled { get; set; } = true;

    /// <summary>The service account's realm roles. <value>Default: <c>$reindex</c>.</value></summary>
    public IList<string> Roles { get; init; } = ["$reindex"];

    /// <summary>The service account's <c>user_type</c> claim. <value>Default: <c>SYSTEM</c>.</value></summary>
    public string UserType { get; set; } = "SYSTEM";
}
