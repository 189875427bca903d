namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

/// <summary>A kubeconfig for the test server: plain http, one context, a fake bearer token the server ignores.</summary>
public static class Kubeconfig
{
    public const string ContextName = "kube-api-test-server";

    public static string For(Uri server, string ns = "default") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {ContextName}
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
        contexts:
        - name: {ContextName}
          context:
            cluster: {ContextName}
            user: {ContextName}
            namespace: {ns}
        current-context: {ContextName}
        users:
        - name: {ContextName}
          user:
            token: not-checked-by-the-test-server
        preferences: {"{}"}

        """;
}
