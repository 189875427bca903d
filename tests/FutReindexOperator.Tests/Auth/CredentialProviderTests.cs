using System.Net;
using System.Text;
using FutReindexOperator.Auth;
using FutReindexOperator.Model;
using FutReindexOperator.Tests.Fhir;
using Microsoft.Extensions.Time.Testing;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Auth;

public sealed class CredentialProviderTests
{
    private const string TokenUrl = "https://keycloak.example/auth/realms/ehealth/protocol/openid-connect/token";

    private FakeTimeProvider _time = null!;
    private FakeSecretReader _secrets = null!;
    private StubHttpHandler _tokenEndpoint = null!;
    private HttpClient _httpClient = null!;
    private int _issued;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(T0);
        _secrets = new FakeSecretReader();
        _issued = 0;
        _tokenEndpoint = new StubHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"access_token":"token-{{++_issued}}","expires_in":300}""", Encoding.UTF8, "application/json"),
        });
        _httpClient = new HttpClient(_tokenEndpoint);
    }

    [TearDown]
    public void TearDown()
    {
        _httpClient.Dispose();
        _tokenEndpoint.Dispose();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_None_SendsNoToken(CancellationToken cancellationToken)
    {
        var result = await Get(Provider(), Job(), cancellationToken);

        result.Should().Be(new CredentialResult.Token(null));
        _secrets.Reads.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_BearerToken_ReadsTheKeyOfTheSecretInTheJobsNamespace(CancellationToken cancellationToken)
    {
        _secrets.Put("fut", "fhir-token", new() { ["token"] = "static-token\n" });

        var result = await Get(Provider(), BearerJob(), cancellationToken);

        result.Should().Be(new CredentialResult.Token("static-token"));
        _secrets.Reads.Should().Equal(("fut", "fhir-token"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_SecretOnlyInAnotherNamespace_IsMissing(CancellationToken cancellationToken)
    {
        _secrets.Put("kube-system", "fhir-token", new() { ["token"] = "other-namespace-token" });
        var job = BearerJob(spec => spec.Target.Namespace = "kube-system");

        var result = await Get(Provider(), job, cancellationToken);

        result.Should().Be(new CredentialResult.Failed(new CredentialFailure(CredentialProblem.SecretMissing, "Secret fut/fhir-token not found")));
        _secrets.Reads.Should().OnlyContain(read => read.Namespace == "fut");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_SecretWithoutTheKey_NamesTheKeyNotTheValues(CancellationToken cancellationToken)
    {
        _secrets.Put("fut", "fhir-token", new() { ["other"] = "value-that-must-not-leak" });

        var result = await Get(Provider(), BearerJob(), cancellationToken);

        var failure = result.Should().BeOfType<CredentialResult.Failed>().Subject.Failure;
        failure.Problem.Should().Be(CredentialProblem.SecretIncomplete);
        failure.Message.Should().Contain("'token'").And.NotContain("value-that-must-not-leak");
    }

    /// <summary>Issue 13 #6: the header exception escaped the transport guard and every attempt warned DuplicatePossible.</summary>
    [TestCase("first-half\nsecond-half", "a line break")]
    [TestCase("first-half second-half", "a space or tab")]
    [TestCase("first-half\u00e6second-half", "not visible ASCII")]
    [CancelAfter(10_000)]
    public async Task GetAsync_TokenThatCannotBeAHeaderValue_NamesTheKeyAndTheProblemNotTheToken(string token, string problem, CancellationToken cancellationToken)
    {
        _secrets.Put("fut", "fhir-token", new() { ["token"] = token });

        var result = await Get(Provider(), BearerJob(), cancellationToken);

        var failure = result.Should().BeOfType<CredentialResult.Failed>().Subject.Failure;
        failure.Problem.Should().Be(CredentialProblem.ValueUnusable);
        failure.Message.Should().Contain("key 'token' of Secret fut/fhir-token").And.Contain(problem)
            .And.NotContain("first-half").And.NotContain("second-half");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_OAuth2Twice_UsesTheCachedToken(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider();

        var first = await Get(provider, OAuthJob(), cancellationToken);
        var second = await Get(provider, OAuthJob(), cancellationToken);

        (first, second).Should().Be((new CredentialResult.Token("token-1"), new CredentialResult.Token("token-1")));
        _tokenEndpoint.Requests.Should().ContainSingle();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_OAuth2NearExpiry_RenewsTheToken(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider();
        await Get(provider, OAuthJob(), cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(271));
        var renewed = await Get(provider, OAuthJob(), cancellationToken);

        renewed.Should().Be(new CredentialResult.Token("token-2"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_AfterInvalidate_ObtainsANewToken(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider();
        await Get(provider, OAuthJob(), cancellationToken);

        Invalidate(provider, OAuthJob());
        var renewed = await Get(provider, OAuthJob(), cancellationToken);

        renewed.Should().Be(new CredentialResult.Token("token-2"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_RotatedSecret_DoesNotReuseTheOldToken(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider();
        await Get(provider, OAuthJob(), cancellationToken);

        PutOAuthSecret("p2");
        var renewed = await Get(provider, OAuthJob(), cancellationToken);

        renewed.Should().Be(new CredentialResult.Token("token-2"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_TokenEndpointNotAllowlisted_RefusesWithoutReadingTheSecret(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider(new AuthOptions { AllowedTokenEndpoints = ["https://sso.example"] });

        var result = await Get(provider, OAuthJob(), cancellationToken);

        var failure = result.Should().BeOfType<CredentialResult.Failed>().Subject.Failure;
        failure.Problem.Should().Be(CredentialProblem.EndpointNotAllowed);
        failure.Message.Should().StartWith("Reindex:Auth:AllowedTokenEndpoints does not list https://keycloak.example;");
        _secrets.Reads.Should().BeEmpty();
        _tokenEndpoint.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_NoTokenEndpointListed_RefusesEveryEndpointNamingTheKey(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider(new AuthOptions());

        var result = await Get(provider, OAuthJob(), cancellationToken);

        result.Should().Be(new CredentialResult.Failed(new CredentialFailure(
            CredentialProblem.EndpointNotAllowed,
            "Reindex:Auth:AllowedTokenEndpoints does not list https://keycloak.example; the operator allows no OAuth2 token endpoint until an administrator lists it")));
        _secrets.Reads.Should().BeEmpty();
        _tokenEndpoint.Requests.Should().BeEmpty();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetAsync_ListedOriginWithTrailingSlash_IsAllowed(CancellationToken cancellationToken)
    {
        PutOAuthSecret("p1");
        var provider = Provider(new AuthOptions { AllowedTokenEndpoints = ["HTTPS://keycloak.example/"] });

        var result = await Get(provider, OAuthJob(), cancellationToken);

        result.Should().Be(new CredentialResult.Token("token-1"));
    }

    [Test]
    public void TokenToString_NeverShowsTheToken()
    {
        new CredentialResult.Token("static-token").ToString().Should().NotContain("static-token");
    }

    private CredentialProvider Provider(AuthOptions? options = null)
        => new(_secrets, new OAuth2TokenClient(_httpClient, _time), new TokenCache(_time), options ?? new AuthOptions { AllowedTokenEndpoints = ["https://keycloak.example"] });

    private void PutOAuthSecret(string password)
        => _secrets.Put("fut", "keycloak", new() { ["client-id"] = "systematic_admin", ["username"] = "reindex-user", ["password"] = password });

    private static ReindexJob BearerJob(Action<ReindexJobSpec>? change = null)
        => Job(spec: spec =>
        {
            spec.Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "fhir-token", Key = "token" } } };
            change?.Invoke(spec);
        });

    private static ReindexJob OAuthJob()
        => Job(spec: spec => spec.Auth = new AuthSpec { OAuth2 = new OAuth2Auth { TokenUrl = TokenUrl, Grant = OAuth2Grant.Password, SecretName = "keycloak" } });

    private static Task<CredentialResult> Get(CredentialProvider provider, ReindexJob job, CancellationToken cancellationToken)
        => provider.GetAsync(job, job.Spec.Auth, cancellationToken);

    private static void Invalidate(CredentialProvider provider, ReindexJob job) => provider.Invalidate(job, job.Spec.Auth);
}
