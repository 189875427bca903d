using FutReindexOperator.Sandbox.Cluster;

namespace FutReindexOperator.Sandbox.Tests.Cluster;

public sealed class ManifestReaderTests
{
    [Test]
    public void ReadAll_SeveralDocuments_ReadsEachInOrder()
    {
        var manifests = ManifestReader.ReadAll("""
            # a comment
            kind: Secret
            metadata:
              name: first
            ---
            kind: Secret
            metadata:
              name: second
            ---
            """);

        manifests.Select(manifest => ManifestIdentity.Of(manifest).Name).Should().Equal("first", "second");
    }

    [Test]
    public void ReadAll_Scalars_AreTypedAsYamlTypesThem()
    {
        var manifest = ManifestReader.ReadAll("""
            spec:
              batchSize: 100
              partitionIds: ["1", 2]
              enabled: true
              rerun: "2026-04-16"
            """).Single();

        manifest["spec"]!.ToJsonString().Should().Be("""{"batchSize":100,"partitionIds":["1",2],"enabled":true,"rerun":"2026-04-16"}""");
    }

    [Test]
    public void ReadKustomization_Samples_ReadsTheListedFilesInOrder()
    {
        var manifests = ManifestReader.ReadKustomization(Path.Combine(AppContext.BaseDirectory, "config", "samples"));

        manifests.Select(manifest => ManifestIdentity.Of(manifest).ToString()).Should().StartWith(["Namespace fut", "Secret fut/fhir-bearer-token", "Secret fut/keycloak-reindex-user"])
            .And.Contain("ReindexJob fut/fails-unknown-type");
    }

    [Test]
    public void ReadKustomization_Crd_ReadsTheReindexJobAndReindexPlanDefinitions()
    {
        var crds = ManifestReader.ReadKustomization(Path.Combine(AppContext.BaseDirectory, "config", "crd"));

        crds.Select(ManifestIdentity.Of).Should().Equal(
            new ManifestIdentity("CustomResourceDefinition", "reindexjobs.fhir.fut.dk", null),
            new ManifestIdentity("CustomResourceDefinition", "reindexplans.fhir.fut.dk", null));
    }
}
