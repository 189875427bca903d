using FutReindexOperator.Admission;
using FutReindexOperator.Auth;
using FutReindexOperator.Decisions;
using FutReindexOperator.Hosting;
using FutReindexOperator.Model;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Watching;
using FutReindexOperator.Targets;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FutReindexOperator.Tests.Hosting;

public sealed class ReindexOperatorServiceCollectionExtensionsTests
{
    [Test]
    public void AddReindexOperator_Configuration_BindsEverySection()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Reindex:MaxRunningPerTarget"] = "3",
            ["Reindex:RetryBase"] = "00:00:02",
            ["Reindex:Polling:FirstInterval"] = "00:00:30",
            ["Reindex:Polling:ErrorGracePeriod"] = "00:10:00",
            ["Reindex:Targets:HostTemplate"] = "127.0.0.1",
            ["Reindex:Targets:AllowedNamespaces:0"] = "shared",
            ["Reindex:Targets:ExternalTargets:0:Namespace"] = "fut",
            ["Reindex:Targets:ExternalTargets:0:Service"] = "organization",
            ["Reindex:Targets:ExternalTargets:0:BaseUrl"] = "https://organization.example/fhir",
            ["Reindex:Auth:RenewBefore"] = "00:00:10",
            ["Reindex:Auth:AllowedTokenEndpoints:0"] = "https://keycloak.example",
            ["Reindex:Http:RequestTimeout"] = "00:00:05",
        });

        provider.GetRequiredService<IOptions<ReindexOperatorPolicy>>().Value.Should().BeEquivalentTo(new ReindexOperatorPolicy
        {
            MaxRunningPerTarget = 3,
            RetryBase = TimeSpan.FromSeconds(2),
            Polling = new PollingDefaults { FirstInterval = TimeSpan.FromSeconds(30), ErrorGracePeriod = TimeSpan.FromMinutes(10) },
        });
        var targets = provider.GetRequiredService<IOptions<TargetOptions>>().Value;
        targets.HostTemplate.Should().Be("127.0.0.1");
        targets.AllowedNamespaces.Should().Equal("shared");
        targets.ExternalTargets.Should().ContainSingle().Which.BaseUrl.Should().Be("https://organization.example/fhir");
        var auth = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
        auth.RenewBefore.Should().Be(TimeSpan.FromSeconds(10));
        auth.AllowedTokenEndpoints.Should().Equal("https://keycloak.example");
        provider.GetRequiredService<IOptions<FhirClientOptions>>().Value.RequestTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [TestCase("Reindex:Http:RequestTimeout", "00:00:00.001")]
    [TestCase("Reindex:MaxRunningPerTarget", "0")]
    [TestCase("Reindex:RetryBase", "00:00:00")]
    [TestCase("Reindex:Polling:Deadline", "00:00:00")]
    [TestCase("Reindex:Targets:HostTemplate", "not a host/{namespace}")]
    [TestCase("Reindex:Auth:RenewBefore", "02:00:00")]
    public void AddReindexOperator_InvalidValue_FailsValidationNamingTheKey(string key, string value)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var act = () =>
        {
            _ = provider.GetRequiredService<IOptions<FhirClientOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<ReindexOperatorPolicy>>().Value;
            _ = provider.GetRequiredService<IOptions<TargetOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
        };

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{key}*");
    }

    [Test]
    public void AddReindexOperator_DurationsInTheCrdsSyntax_AreReadLikeTimeSpans()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Reindex:Polling:Deadline"] = "72h",
            ["Reindex:Polling:FirstInterval"] = "45s",
            ["Reindex:RetryBase"] = "250ms",
            ["Reindex:Http:RequestTimeout"] = "00:00:05",
        });

        var policy = provider.GetRequiredService<IOptions<ReindexOperatorPolicy>>().Value;

        (policy.Polling.Deadline, policy.Polling.FirstInterval, policy.RetryBase).Should().Be((TimeSpan.FromHours(72), TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(250)));
        provider.GetRequiredService<IOptions<FhirClientOptions>>().Value.RequestTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [TestCase("Reindex:Polling:Deadline", "soon")]
    [TestCase("Reindex:Polling:Deadline", "72 hours")]
    [TestCase("Reindex:MaxRunningPerTarget", "many")]
    public void AddReindexOperator_ValueOfTheWrongType_FailsValidationNamingTheKey(string key, string value)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        var act = () => provider.GetRequiredService<IOptions<ReindexOperatorPolicy>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{key}*");
    }

    [Test]
    public void AddReindexOperator_DurationThatIsNoDuration_SaysBothAcceptedForms()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Reindex:Polling:Deadline"] = "soon" });

        var act = () => provider.GetRequiredService<IOptions<ReindexOperatorPolicy>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*'soon' is not a duration*72h*3.00:00:00*");
    }

    [Test]
    public void AddReindexOperator_Services_ResolveTheReconcilerInAScope()
    {
        using var provider = Build(new Dictionary<string, string?>());
        using var scope = provider.CreateScope();

        scope.ServiceProvider.GetRequiredService<IReconciler<ReindexJob>>().Should().NotBeNull();
    }

    [Test]
    public void AddReindexOperator_SlotReservations_AreOneInstanceForEveryScope()
    {
        using var provider = Build(new Dictionary<string, string?>());
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        first.ServiceProvider.GetRequiredService<SlotAdmission>()
            .Should().BeSameAs(second.ServiceProvider.GetRequiredService<SlotAdmission>(), "every worker's reconciler must see the same reservations");
    }

    [Test]
    public void AddReindexOperator_JobCache_IsIndexedByTarget()
    {
        using var provider = Build(new Dictionary<string, string?>());

        var cache = provider.GetRequiredService<IResourceCache<ReindexJob>>();

        cache.ListIndexed(SlotAdmission.TargetIndex, "fhir/organization").Should().BeEmpty();
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IKubernetes>(new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }));
        services.AddReindexOperator(configuration);
        return services.BuildServiceProvider();
    }
}
