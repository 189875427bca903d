namespace FutReindexOperator.Testing.HapiSimulator.Mesh;

/// <summary>Which upstream a request is routed to.</summary>
/// <param name="Name">The FHIR service name or <see cref="KeycloakName"/>; null when no route matches.</param>
/// <param name="Operation">The path's last segment.</param>
public sealed record MeshTarget(string? Name, string Operation)
{
    /// <summary>The target name of the token endpoint (<c>/auth/...</c>).</summary>
    public const string KeycloakName = "keycloak";

    /// <summary>Routes <paramref name="path"/>: <c>/{service}/fhir/...</c> to a service, <c>/auth/...</c> to Keycloak.</summary>
    public static MeshTarget Resolve(string path, ISet<string> services)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(services);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var operation = segments.Length == 0 ? "" : segments[^1];
        if (segments.Length >= 2 && segments[1] == "fhir" && services.Contains(segments[0]))
        {
            return new MeshTarget(segments[0], operation);
        }

        return segments.Length > 0 && segments[0] == "auth"
            ? new MeshTarget(KeycloakName, operation)
            : new MeshTarget(null, operation);
    }
}
