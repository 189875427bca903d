using System.Text.Json;
using FutReindexOperator.Hosting;
using k8s;

namespace FutReindexOperator.Tests.Hosting;

public sealed class KubeconfigFileTests
{
    private const string RichKubeconfig = """
        apiVersion: v1
        kind: Config
        preferences: { colors: true }
        clusters:
        - name: prod
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority: certs/ca.crt
            tls-server-name: api.internal
            proxy-url: http://proxy:3128
        - name: dev
          cluster: { server: "http://127.0.0.1:8080", insecure-skip-tls-verify: true }
        users:
        - name: admin
          user:
            client-certificate-data: Y2VydA==
            client-key-data: a2V5
        - name: sso
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: kubelogin
              args: [get-token, --server-id, abc]
              env: [{ name: AAD_LOGIN_METHOD, value: msi }]
        - name: bot
          user: { token: not-a-real-token, username: bot }
        contexts:
        - name: prod
          context: { cluster: prod, user: admin, namespace: fut }
        - name: dev
          context: { cluster: dev, user: bot }
        current-context: dev
        extensions:
        - name: origin
          extension: { team: fut }
        """;

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("kubeconfig-file-tests-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Read_RichKubeconfig_BindsWhatKubernetesClientsOwnLoaderBinds()
    {
        var path = Write("config", RichKubeconfig);

        var ours = KubeconfigFile.Read(path);
        var theirs = KubernetesClientConfiguration.LoadKubeConfig(path);

        JsonSerializer.Serialize(ours).Should().Be(JsonSerializer.Serialize(theirs));
    }

    [Test]
    public void Read_File_RemembersItsFullPathForRelativeCertificatePaths()
    {
        var path = Write("config", RichKubeconfig);

        KubeconfigFile.Read(path).FileName.Should().Be(Path.GetFullPath(path));
    }

    [Test]
    public void Read_MissingFile_ThrowsNamingTheKey()
    {
        var act = () => KubeconfigFile.Read(Path.Combine(_directory, "missing"));

        act.Should().Throw<FileNotFoundException>().WithMessage("Kubernetes:Kubeconfig*does not exist*");
    }

    [Test]
    public void Read_EmptyFile_ThrowsNamingTheKey()
    {
        var act = () => KubeconfigFile.Read(Write("empty", ""));

        act.Should().Throw<InvalidDataException>().WithMessage("Kubernetes:Kubeconfig*is empty*");
    }

    [Test]
    public void Read_FileThatIsNoYaml_ThrowsNamingTheKey()
    {
        var act = () => KubeconfigFile.Read(Write("broken", "clusters: [ { name: a"));

        act.Should().Throw<InvalidDataException>().WithMessage("Kubernetes:Kubeconfig*is not a kubeconfig document*");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
