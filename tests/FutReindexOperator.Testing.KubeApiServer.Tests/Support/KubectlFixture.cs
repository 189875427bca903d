namespace FutReindexOperator.Testing.KubeApiServer.Tests.Support;

/// <summary>A server fixture with a kubeconfig and private kubectl home; skips (with the reason) only when kubectl is absent.</summary>
public abstract class KubectlFixture : ServerFixture
{
    private string _directory = null!;

    protected Kubectl Kubectl { get; private set; } = null!;

    protected string WorkDirectory => _directory;

    [OneTimeSetUp]
    public void PrepareKubectl()
    {
        if (Kubectl.Executable is null)
        {
            Assert.Ignore("kubectl is not on PATH, so the tests that prove the server with the real kubectl cannot run here (CI installs it).");
        }

        _directory = Path.Combine(Path.GetTempPath(), $"kubectl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(_directory, "home"));
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        Server.WriteKubeconfig(kubeconfig);
        Kubectl = new Kubectl(kubeconfig, Path.Combine(_directory, "home"));
    }

    [OneTimeTearDown]
    public void RemoveKubectlDirectory()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Writes a manifest file into the fixture's directory and returns its path.</summary>
    protected string WriteManifest(string name, string yaml)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
