using FutReindexOperator.Hosting;

namespace FutReindexOperator.Tests.Hosting;

public sealed class KubernetesConnectionTests
{
    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: first
          cluster: { server: "http://127.0.0.1:1111" }
        - name: second
          cluster: { server: "http://127.0.0.1:2222" }
        users:
        - name: user
          user: { token: not-a-real-token }
        contexts:
        - name: first
          context: { cluster: first, user: user, namespace: default }
        - name: second
          context: { cluster: second, user: user, namespace: default }
        current-context: first
        """;

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("kubeconfig-tests-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Build_KubeconfigOption_WinsOverTheEnvironment()
    {
        var path = Write("explicit");

        var (configuration, source) = KubernetesConnection.Build(new KubernetesConnectionOptions { Kubeconfig = path }, Environment(("KUBECONFIG", Write("env")), ("KUBERNETES_SERVICE_HOST", "10.0.0.1")));

        configuration.Host.Should().StartWith("http://127.0.0.1:1111");
        source.Should().Be($"kubeconfig {path}");
    }

    [Test]
    public void Build_ContextOption_SelectsThatContext()
    {
        var (configuration, _) = KubernetesConnection.Build(new KubernetesConnectionOptions { Kubeconfig = Write("explicit"), Context = "second" }, Environment());

        configuration.Host.Should().StartWith("http://127.0.0.1:2222");
    }

    [Test]
    public void Build_KubeconfigVariableWithSeveralPaths_UsesTheFirst()
    {
        var first = Write("env");

        var (_, source) = KubernetesConnection.Build(new KubernetesConnectionOptions(), Environment(("KUBECONFIG", $"{first}{Path.PathSeparator}/nowhere/config")));

        source.Should().Be($"kubeconfig {first} (KUBECONFIG)");
    }

    [Test]
    public void Build_MissingKubeconfigFile_ThrowsNamingTheKey()
    {
        var act = () => KubernetesConnection.Build(new KubernetesConnectionOptions { Kubeconfig = Path.Combine(_directory, "missing") }, Environment());

        act.Should().Throw<FileNotFoundException>().WithMessage("Kubernetes:Kubeconfig*does not exist*");
    }

    [Test]
    public void SwitchMappings_Kubeconfig_MapsToTheConfigurationKey()
        => KubernetesConnection.SwitchMappings.Should().Contain("--kubeconfig", "Kubernetes:Kubeconfig");

    private string Write(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Kubeconfig);
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
