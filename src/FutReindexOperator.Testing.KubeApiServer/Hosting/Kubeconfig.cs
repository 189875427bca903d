namespace FutReindexOperator.Testing.KubeApiServer.Hosting;

/// <summary>
/// A kubeconfig for the test server: its HTTPS address with the server's certificate as the authority (kubectl sends
/// credentials only over TLS), one context, one user identified by a bearer token the server issued.
/// </summary>
public static class Kubeconfig
{
    public const string ContextName = "kube-api-test-server";

    /// <param name="server">The server's HTTPS address.</param>
    /// <param name="authorityData">The server certificate, PEM in base64.</param>
    /// <param name="userName">The identity the token stands for; names the kubeconfig's user entry.</param>
    /// <param name="token">The bearer token.</param>
    /// <param name="ns">The context's default namespace.</param>
    public static string For(Uri server, string authorityData, string userName, string token, string ns = "default") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {ContextName}
          cluster:
            server: {server.GetLeftPart(UriPartial.Authority)}
            certificate-authority-data: {authorityData}
        contexts:
        - name: {ContextName}
          context:
            cluster: {ContextName}
            user: "{userName}"
            namespace: {ns}
        current-context: {ContextName}
        users:
        - name: "{userName}"
          user:
            token: {token}
        preferences: {"{}"}

        """;
}
