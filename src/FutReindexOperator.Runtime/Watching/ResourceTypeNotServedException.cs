namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// The API server answered 404 to a list or watch of a whole kind: it does not serve that group, version and resource,
/// most often because the kind's CustomResourceDefinition is not installed (Helm installs <c>crds/</c> once and never
/// upgrades it). Objects of a served kind never cause this: a list of a kind in a namespace without objects is empty.
/// </summary>
internal sealed class ResourceTypeNotServedException : Exception
{
    public ResourceTypeNotServedException()
    {
    }

    public ResourceTypeNotServedException(string message)
        : base(message)
    {
    }

    public ResourceTypeNotServedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Thrown for <paramref name="type"/>, with the API server's answer as the inner exception.</summary>
    public ResourceTypeNotServedException(ResourceType type, Exception? innerException)
        : base($"The API server does not serve {type.Plural}.{type.Group}/{type.Version} (404 Not Found): the CustomResourceDefinition {CrdName(type)} is not installed, or not at version {type.Version}.", innerException)
    {
        ArgumentNullException.ThrowIfNull(type);
        Crd = CrdName(type);
    }

    /// <summary>The name of the missing CustomResourceDefinition, <c>plural.group</c>.</summary>
    public string Crd { get; } = "";

    /// <summary>The CustomResourceDefinition name of <paramref name="type"/>: <c>plural.group</c>.</summary>
    public static string CrdName(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"{type.Plural}.{type.Group}";
    }
}
