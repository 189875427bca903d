using FutReindexOperator.Runtime.Hosting;
using FutReindexOperator.Runtime.Kubernetes;
using FutReindexOperator.Runtime.Leadership;
using FutReindexOperator.Runtime.Reconciling;
using FutReindexOperator.Runtime.Tests.Support;
using FutReindexOperator.Runtime.Watching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

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
    public async Task StartAsync_InvalidOptions_FailsNamingTheField(CancellationToken cancellationToken)
    {
        using var host = Build(new() { ["OperatorRuntime:MaxConcurrentReconciles"] = "0" });

        var start = () => host.StartAsync(cancellationToken);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("MaxConcurrentReconciles");
    }

    private IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
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
        return builder.Build();
    }
}
