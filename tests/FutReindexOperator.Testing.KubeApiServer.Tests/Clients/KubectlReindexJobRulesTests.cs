using FutReindexOperator.Testing.KubeApiServer.Tests.Support;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Clients;

/// <summary>
/// The ReindexJob CRD's CEL rules (config/crd), both ways, through the real kubectl: what a cluster accepts is
/// accepted, what it refuses is refused with kube-apiserver's message.
/// </summary>
public sealed class KubectlReindexJobRulesTests : KubectlFixture
{
    private const string ImmutableSpec =
        "spec: Invalid value: \"object\": spec is immutable once created; set the annotation fhir.fut.dk/rerun to run again, or create a new ReindexJob";

    private const string ExactlyOneAuth = "spec.auth: Invalid value: \"object\": set exactly one of bearerToken, oauth2 or none";

    protected override bool InstallWidgets => false;

    private static string Job(string name, string auth, string service = "terminology") => $"""
        apiVersion: fhir.fut.dk/v1alpha1
        kind: ReindexJob
        metadata:
          name: {name}
          namespace: fut
        spec:
          target:
            service: {service}
          urls: ["Organization?"]
          auth:
        {auth}
        """;

    private const string NoAuth = "    none: {}";

    private const string BearerAndNone = """
            none: {}
            bearerToken:
              secretRef: {name: token, key: token}
        """;

    [OneTimeSetUp]
    public async Task InstallCrdAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var crd = Path.Combine(RepositoryRoot.Path, "config", "crd", "fhir.fut.dk_reindexjobs.yaml");
        var applied = await Kubectl.SucceedAsync(timeout.Token, "apply", "-f", crd);
        applied.Should().Contain("customresourcedefinition.apiextensions.k8s.io/reindexjobs.fhir.fut.dk created");
        await Kubectl.SucceedAsync(timeout.Token, "create", "namespace", "fut");
    }

    [Test, CancelAfter(120_000)]
    public async Task A_sample_job_with_exactly_one_auth_method_is_accepted(CancellationToken ct)
    {
        var sample = Path.Combine(RepositoryRoot.Path, "config", "samples", "reindexjob-everything-no-auth.yaml");

        var created = await Kubectl.SucceedAsync(ct, "apply", "-f", sample);

        created.Should().Contain("reindexjob.fhir.fut.dk/everything-no-auth created");
    }

    [Test, CancelAfter(120_000)]
    public async Task A_job_with_two_auth_methods_is_refused(CancellationToken ct)
    {
        var path = WriteManifest("two-auth.yaml", Job("two-auth", BearerAndNone));

        var result = await Kubectl.RunAsync(ct, "apply", "-f", path);

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.StandardError.Should().Contain($"The ReindexJob \"two-auth\" is invalid: {ExactlyOneAuth}", result.ToString());
    }

    [Test, CancelAfter(120_000)]
    public async Task A_spec_edit_is_refused_by_apply_and_by_patch(CancellationToken ct)
    {
        await Kubectl.SucceedAsync(ct, "apply", "-f", WriteManifest("frozen-1.yaml", Job("frozen", NoAuth)));

        var applied = await Kubectl.RunAsync(ct, "apply", "-f", WriteManifest("frozen-2.yaml", Job("frozen", NoAuth, service: "careplan")));
        var patched = await Kubectl.RunAsync(ct, "patch", "reindexjob", "frozen", "-n", "fut", "--type=merge", "-p", """{"spec":{"batchSize":7}}""");
        var service = await Kubectl.SucceedAsync(ct, "get", "reindexjob", "frozen", "-n", "fut", "-o", "jsonpath={.spec.target.service}");

        applied.ExitCode.Should().NotBe(0, applied.ToString());
        applied.StandardError.Should().Contain(ImmutableSpec, applied.ToString());
        patched.ExitCode.Should().NotBe(0, patched.ToString());
        patched.StandardError.Should().Contain($"The ReindexJob \"frozen\" is invalid: {ImmutableSpec}", patched.ToString());
        service.Trim().Should().Be("terminology");
    }

    [Test, CancelAfter(120_000)]
    public async Task The_rerun_annotation_and_status_writes_pass_the_immutability_rule(CancellationToken ct)
    {
        await Kubectl.SucceedAsync(ct, "apply", "-f", WriteManifest("rerun.yaml", Job("rerun", NoAuth)));

        var annotated = await Kubectl.SucceedAsync(ct, "annotate", "reindexjob", "rerun", "-n", "fut", "fhir.fut.dk/rerun=2");
        var status = await Kubectl.SucceedAsync(ct, "patch", "reindexjob", "rerun", "-n", "fut", "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Pending"}}""");

        annotated.Should().Contain("reindexjob.fhir.fut.dk/rerun annotated");
        status.Should().Contain("reindexjob.fhir.fut.dk/rerun patched");
    }
}
