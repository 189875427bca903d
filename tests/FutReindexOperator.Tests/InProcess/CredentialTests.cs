using FutReindexOperator.Decisions;
using FutReindexOperator.Model;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using k8s;

namespace FutReindexOperator.Tests.InProcess;

public sealed class CredentialTests
{
    private const string ClientSecret = "operator-secret";
    private const string Password = "reindex-password";

    [Test]
    [CancelAfter(120_000)]
    public async Task A_short_lived_token_is_renewed_through_the_token_endpoint_before_it_expires(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken, simulator: options => options.Auth.AccessTokenLifetime = TimeSpan.FromSeconds(2));
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 10)]));
        await world.CreateSecretAsync("keycloak", new Dictionary<string, string> { ["client-id"] = "fut-reindex-operator", ["client-secret"] = ClientSecret }, cancellationToken);

        await world.CreateJobAsync("client-credentials", OAuth2Spec(world, OAuth2Grant.ClientCredentials), cancellationToken);
        await world.WaitForPhaseAsync("client-credentials", ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.TokensIssued.Should().BeGreaterThanOrEqualTo(2);
        world.Simulator.Controls.Requests.Where(request => request.Target == InProcessWorld.Service).Should().OnlyContain(request => request.Status != 401);
        await AssertNoSecretAnywhereAsync(world, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_password_grant_obtains_a_token_and_the_job_succeeds(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        await world.CreateSecretAsync("keycloak", new Dictionary<string, string> { ["client-id"] = "systematic_admin", ["username"] = "reindex-system", ["password"] = Password }, cancellationToken);

        await world.CreateJobAsync("password", OAuth2Spec(world, OAuth2Grant.Password), cancellationToken);
        await world.WaitForPhaseAsync("password", ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.TokensIssued.Should().BeGreaterThanOrEqualTo(1);
        await AssertNoSecretAnywhereAsync(world, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_job_whose_Secret_is_created_later_waits_for_it_then_proceeds(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(cancellationToken);
        world.Simulator.Controls.SetServiceScript(InProcessWorld.Service, JobScript.ByPolls([(ReindexJobState.InProgress, 1)]));
        var spec = InProcessWorld.Spec();
        spec.Auth.BearerToken!.SecretRef.Name = "late-token";

        await world.CreateJobAsync("late-secret", spec, cancellationToken);
        var waiting = await world.WaitForJobAsync("late-secret", job => job.Status?.Conditions.Any(condition => condition.Reason == ConditionReasons.WaitingForCredentials) == true, cancellationToken);
        waiting.Status!.Phase.Should().Be(ReindexPhase.Pending);
        waiting.Status.Message.Should().Contain("late-token");
        await world.CreateSecretAsync("late-token", new Dictionary<string, string> { ["token"] = InProcessWorld.ValidToken }, cancellationToken);
        await world.WaitForPhaseAsync("late-secret", ReindexPhase.Succeeded, cancellationToken);

        world.Simulator.Controls.Counters.Submissions[InProcessWorld.Service].Should().Be(1);
        await AssertNoSecretAnywhereAsync(world, cancellationToken);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_token_endpoint_the_administrator_has_not_listed_stalls_the_job_and_is_never_called(CancellationToken cancellationToken)
    {
        await using var world = await InProcessWorld.StartAsync(
            cancellationToken, settings: new Dictionary<string, string> { ["Reindex__Auth__AllowedTokenEndpoints__0"] = "https://keycloak.example" });
        await world.CreateSecretAsync("keycloak", new Dictionary<string, string> { ["client-id"] = "fut-reindex-operator", ["client-secret"] = ClientSecret }, cancellationToken);

        await world.CreateJobAsync("unlisted", OAuth2Spec(world, OAuth2Grant.ClientCredentials), cancellationToken);
        var stalled = await world.WaitForPhaseAsync("unlisted", ReindexPhase.Stalled, cancellationToken);

        stalled.Status!.Message.Should().Contain($"Reindex:Auth:AllowedTokenEndpoints does not list {world.Simulator.TokenUrl.GetLeftPart(UriPartial.Authority)}");
        world.Simulator.Controls.Counters.TokensIssued.Should().Be(0);
        world.Simulator.Controls.Counters.Submissions.Should().NotContainKey(InProcessWorld.Service);
    }

    private static ReindexJobSpec OAuth2Spec(InProcessWorld world, OAuth2Grant grant)
    {
        var spec = InProcessWorld.Spec();
        spec.Auth = new AuthSpec { OAuth2 = new OAuth2Auth { TokenUrl = world.Simulator.TokenUrl.ToString(), Grant = grant, SecretName = "keycloak" } };
        return spec;
    }

    /// <summary>No token (a JWT starts with <c>eyJ</c>), password or client secret in the operator's output, events or statuses.</summary>
    private static async Task AssertNoSecretAnywhereAsync(InProcessWorld world, CancellationToken cancellationToken)
    {
        string[] secrets = ["eyJ", InProcessWorld.ValidToken, ClientSecret, Password];
        var events = await world.Client.EventsV1.ListNamespacedEventAsync(InProcessWorld.Namespace, cancellationToken: cancellationToken);
        var jobs = await world.Client.CustomObjects.ListNamespacedCustomObjectAsync<ReindexJobList>(
            ReindexJob.ApiGroup, ReindexJob.ApiVersionName, InProcessWorld.Namespace, ReindexJob.Plural, cancellationToken: cancellationToken);
        var texts = world.OperatorOutput
            .Concat(events.Items.Select(item => KubernetesJson.Serialize(item)))
            .Concat(jobs.Items.Select(job => KubernetesJson.Serialize(job.Status)))
            .ToList();

        texts.Should().NotBeEmpty();
        foreach (var secret in secrets)
        {
            texts.Should().NotContain(text => text.Contains(secret, StringComparison.Ordinal), $"no secret may appear in logs, events or status");
        }
    }
}
