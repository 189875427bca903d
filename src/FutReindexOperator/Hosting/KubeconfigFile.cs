using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FutReindexOperator.Hosting;

/// <summary>Reads one kubeconfig file into KubernetesClient's own <see cref="K8SConfiguration"/> model.</summary>
/// <remarks>
/// <see cref="KubernetesClientConfiguration.BuildConfigFromConfigFile(string, string, string, bool)"/> reads through
/// <c>KubernetesYaml</c>, whose first use maps every Kubernetes model type by reflection for YAML documents the
/// operator never reads: about 20 MiB of resident memory for the lifetime of the process. A deserializer for the
/// kubeconfig model alone binds the same file (the model carries its own YAML names) for a fraction of that.
/// </remarks>
public static class KubeconfigFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The kubeconfig at <paramref name="path"/>, with its file name set so relative certificate paths resolve beside it.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is empty or not a kubeconfig document.</exception>
    public static K8SConfiguration Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Kubernetes:Kubeconfig: the kubeconfig file '{path}' does not exist.", path);
        }

        K8SConfiguration? configuration;
        try
        {
            configuration = Yaml.Deserialize<K8SConfiguration?>(File.ReadAllText(path));
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidDataException($"Kubernetes:Kubeconfig: '{path}' is not a kubeconfig document ({exception.Start}: {exception.Message}).", exception);
        }

        if (configuration is null)
        {
            throw new InvalidDataException($"Kubernetes:Kubeconfig: '{path}' is empty.");
        }

        configuration.FileName = Path.GetFullPath(path);
        return configuration;
    }
}
