namespace FutReindexOperator.Sandbox.Tests;

public sealed class KubectlHintsTests
{
    [Test]
    public void Commands_NameTheKubeconfigNamespaceAndJob()
    {
        KubectlHints.Commands("/tmp/k", "fut", "organization-bearer").Should().Equal(
            "kubectl --kubeconfig /tmp/k -n fut get rj -w",
            "kubectl --kubeconfig /tmp/k -n fut describe rj organization-bearer",
            "kubectl --kubeconfig /tmp/k -n fut wait --for=condition=Complete rj/organization-bearer --timeout=60s");
    }
}
