namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>How stored objects are shown through an API version.</summary>
public enum ObjectView
{
    /// <summary>As stored, with the requested <c>apiVersion</c>.</summary>
    Native,

    /// <summary>Stored as core/v1 Events, shown as events.k8s.io/v1 Events.</summary>
    EventsV1,
}
