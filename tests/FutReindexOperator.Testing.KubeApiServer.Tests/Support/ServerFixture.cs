using FutReindexOperator.Testing.KubeApiServer.Hosting;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>A fixture with its own server (and the Widget CRD installed), shared by the fixture's tests.</summary>
public abstract class ServerFixture
{
    protected KubeApiTestServer Server { get; private set; } = null!;

    protected ApiHttp Http { get; private set; } = null!;

    protected virtual KubeApiServerOptions Options => new() { Port = 0 };

    protected virtual bool InstallWidgets => true;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Server = await KubeApiTestServer.StartAsync(Options, timeout.Token);
        Http = ApiHttp.AsAdmin(Server);
        if (InstallWidgets)
        {
            await Manifests.InstallWidgetsAsync(Http, timeout.Token);
        }
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    protected static string UniqueName(string prefix = "w") => $"{prefix}-{Guid.NewGuid():N}"[..20];
}
