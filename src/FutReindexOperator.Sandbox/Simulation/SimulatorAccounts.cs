using System.Text.Json.Nodes;
using FutReindexOperator.Testing.HapiSimulator.Auth;

namespace FutReindexOperator.Sandbox.Simulation;

/// <summary>
/// Makes the simulator's token endpoint and bearer check accept the credentials the sample Secrets hold (the samples
/// stay as a user writes them): a <c>token</c> becomes an accepted static token, <c>username</c>/<c>password</c> a
/// Keycloak user (with <c>client-id</c> as its public client unless a <c>client-secret</c> is given), <c>client-id</c> with
/// <c>client-secret</c> a confidential client with a service account. Every account holds <c>$reindex</c> as a SYSTEM user.
/// </summary>
public static class SimulatorAccounts
{
    public static void AddFromSecrets(AuthOptions auth, IEnumerable<JsonObject> secrets)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            var values = SecretValues.Of(secret);
            if (values.TryGetValue("token", out var token))
            {
                auth.StaticTokens.Add(token);
            }

            if (values.TryGetValue("username", out var username) && values.TryGetValue("password", out var password))
            {
                auth.Users.Add(new UserAccount { Username = username, Password = password });
            }

            if (values.TryGetValue("client-id", out var clientId) && auth.Clients.All(client => client.ClientId != clientId))
            {
                var secretValue = values.GetValueOrDefault("client-secret");
                auth.Clients.Add(new ClientAccount { ClientId = clientId, Secret = secretValue, ServiceAccountEnabled = secretValue is not null });
            }
        }
    }
}
