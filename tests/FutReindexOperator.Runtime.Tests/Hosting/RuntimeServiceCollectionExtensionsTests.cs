using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace FutReindexOperator.Runtime.Tests.Hosting;

public sealed class RuntimeServiceCollectionExtensionsTests
{
    private RecordingHandler _server = null!;

    [SetUp]
    public void SetUp() => _server = new RecordingHandler();

    [TearDown]
    public void TearDown() => _server.Dispose();

    [Test]
    public void AddController_Registered_ResolvesEverythingAReconcilerNeeds()
    {
        using var host = Build(new() { ["OperatorRuntime:LeaderElection:Enabled"] = "false" });

        var services = host.Services;
        services.GetRequiredService<IResourceCache<Widget>>().Should().BeSameAs(services.GetRequiredService<ResourceCache<Widget>>());
        services.GetRequiredService<IReconcileQueue<Widget>>().Should().BeSameAs(services.GetRequiredService<ReconcileQueue<Widget>>());
        services.GetRequiredService<IStatusWriter>().Should().BeOfType<StatusWriter>();
        services.GetRequiredService<IEventRecorder>().Should().BeOfType<EventRecorder>();
        services.GetRequiredService<ILeaderGate>().Should().BeOfType<AlwaysLeaderGate>();
        services.GetRequiredService<ResourceTypeRegistry>().Resolve(Widget.Create("ns", "a")).Should().Be(Widget.Type);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IReconciler<Widget>>().Should().BeOfType<ScriptedReconciler>();
    }

    [Test]
    [CancelAfter(5000)]
    public async Task AddController_TwoKinds_EachGetsItsOwnControllerWhileClientGateAndMetricsAreShared(CancellationToken cancellationToken)
    {
        using var host = Build(
            new() { ["OperatorRuntime:LeaderElection:Enabled"] = "false" },
            after: services => services.AddController<Gadget, GadgetReconciler>(Gadget.Type));

        var services = host.Services;
        services.GetServices<IHostedService>().Should().ContainSingle(service => service is ControllerService<Widget>)
            .And.ContainSingle(service => service is ControllerService<Gadget>);
        services.GetRequiredService<ControllerParts<Widget>>().Name.Should().Be("widget");
        services.GetRequiredService<ControllerParts<Gadget>>().Name.Should().Be("gadget");
        services.GetRequiredService<ResourceTypeRegistry>().Resolve(new Gadget()).Should().Be(Gadget.Type);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IReconciler<Gadget>>().Should().BeOfType<GadgetReconciler>();
        var exposition = await Metric.ScrapeAsync(services.GetRequiredService<CollectorRegistry>(), cancellationToken);
        Metric.Value(exposition, "controller_runtime_reconcile_total{controller=\"widget\",result=\"success\"}").Should().Be(0);
        Metric.Value(exposition, "controller_runtime_reconcile_total{controller=\"gadget\",result=\"success\"}").Should().Be(0);
    }

    [Test]
    public void AddOperatorRuntime_LeaderElectionOn_UsesLeaseGate()
    {
        using var host = Build([]);

        host.Services.GetRequiredService<ILeaderGate>().Should().BeOfType<LeaseLeaderGate>();
    }

    [Test]
    public void AddOperatorRuntime_TimeProviderRegisteredBefore_KeepsIt()
    {
        var clock = new FakeTimeProvider();

        using var host = Build([], services => services.AddSingleton<TimeProvider>(clock));

        host.Services.GetRequiredService<TimeProvider>().Should().BeSameAs(clock);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_OptionOfTheWrongType_FailsValidationNamingTheKey(CancellationToken cancellationToken)
    {
        using var host = Build(new() { ["OperatorRuntime:MaxConcurrentReconciles"] = "many" });

        var start = () => host.StartAsync(cancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("OperatorRuntime:MaxConcurrentReconciles").And.Contain("'many'");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_InvalidOptions_FailsNamingTheField(CancellationToken cancellationToken)
    {
        using var host = Build(new() { ["OperatorRuntime:MaxConcurrentReconciles"] = "0" });

        var start = () => host.StartAsync(cancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("MaxConcurrentReconciles");
    }

    private IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null, Action<IServiceCollection>? after = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        settings["OperatorRuntime:HttpPort"] = "0";
        settings["OperatorRuntime:HttpBindAddress"] = "127.0.0.1";
        builder.Configuration.AddInMemoryCollection(settings);
        before?.Invoke(builder.Services);
        builder.Services.AddSingleton(_server.CreateClient());
        builder.Services.AddSingleton(new ReconcilerScript());
        builder.Services.AddOperatorRuntime(builder.Configuration);
        builder.Services.AddController<Widget, ScriptedReconciler>(Widget.Type);
        after?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>A second kind, cluster-scoped, for a process with two controllers.</summary>
    public sealed class Gadget : IKubernetesObject<V1ObjectMeta>
    {
        public static readonly ResourceType Type = new(Widget.Group, Widget.Version, "gadgets", "Gadget", Namespaced: false);

        public string ApiVersion { get; set; } = Type.ApiVersion;

        public string Kind { get; set; } = Type.Kind;

        public V1ObjectMeta Metadata { get; set; } = new();
    }

    public sealed class GadgetReconciler : IReconciler<Gadget>
    {
        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Gadget> request, CancellationToken cancellationToken) =>
            Task.FromResult(ReconcileResult.Done);
    }
}
