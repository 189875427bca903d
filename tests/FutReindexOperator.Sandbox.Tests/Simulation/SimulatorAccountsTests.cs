using FutReindexOperator.Sandbox.Simulation;
using FutReindexOperator.Sandbox.Tests.Support;
using FutReindexOperator.Testing.HapiSimulator.Auth;

namespace FutReindexOperator.Sandbox.Tests.Simulation;

public sealed class SimulatorAccountsTests
{
    [Test]
    public void AddFromSecrets_SampleSecrets_AddTheirTokenUserAndClients()
    {
        var auth = new AuthOptions { Clients = [], Users = [] };

        SimulatorAccounts.AddFromSecrets(auth, SampleManifests.OfKind("Secret"));

        auth.StaticTokens.Should().Equal("not-a-real-token-replace-me");
        auth.Users.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Username = "example-reindex-user", Password = "not-a-real-password-replace-me" });
        auth.Clients.Select(client => (client.ClientId, client.Secret, client.ServiceAccountEnabled)).Should().Equal(
            ("example-admin-client", null, false),
            ("example-reindex-client", "not-a-real-client-secret-replace-me", true));
    }
}
