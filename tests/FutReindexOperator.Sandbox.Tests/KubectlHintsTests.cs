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

    [Test]
    public void Commands_WithAPlan_AlsoListThePlansItsChildrenAndWaitForIt()
    {
        KubectlHints.Commands("/tmp/k", "fut", "organization-bearer", "fut-services").Skip(3).Should().Equal(
            "kubectl --kubeconfig /tmp/k -n fut get rp",
            "kubectl --kubeconfig /tmp/k -n fut get rj -l fhir.fut.dk/plan=fut-services",
            "kubectl --kubeconfig /tmp/k -n fut wait --for=condition=Complete rp/fut-services --timeout=60s");
    }
}
