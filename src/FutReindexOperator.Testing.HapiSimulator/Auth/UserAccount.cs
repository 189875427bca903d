using System.ComponentModel.DataAnnotations;

namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>A Keycloak user for the <c>password</c> grant.</summary>
public sealed class UserAccount
{
    [Required(ErrorMessage = "Username is required.")]
    public string Username { get; set; } = "";

    [Required(ErrorMessage = "Password is required.")]
    public string Password { get; set; } = "";

    /// <summary>The user's realm roles. <value>Default: <c>$reindex</c>.</value></summary>
    public IList<string> Roles { get; init; } = ["$reindex"];

    /// <summary>The <c>user_type</c> claim. <value>Default: <c>SYSTEM</c>.</value></summary>
    public string UserType { get; set; } = "SYSTEM";

    /// <summary>The <c>user_id</c> claim; a stable id derived from the username when null. <value>Default: null.</value></summary>
    public string? UserId { get; set; }
}
