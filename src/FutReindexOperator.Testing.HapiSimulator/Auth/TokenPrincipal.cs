namespace FutReindexOperator.Testing.HapiSimulator.Auth;

/// <summary>Whom a token is issued to.</summary>
/// <param name="ClientId">The requesting client (<c>azp</c>).</param>
/// <param name="UserId">The <c>user_id</c> claim.</param>
/// <param name="Username">The <c>preferred_username</c> claim.</param>
/// <param name="Roles">The realm roles.</param>
/// <param name="UserType">The <c>user_type</c> claim.</param>
public sealed record TokenPrincipal(string ClientId, string UserId, string Username, IReadOnlyList<string> Roles, string UserType);
