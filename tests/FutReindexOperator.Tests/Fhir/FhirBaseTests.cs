using FutReindexOperator.Fhir;

namespace FutReindexOperator.Tests.Fhir;

public sealed class FhirBaseTests
{
    [Test]
    public void Resolve_PollPath_StaysBelowTheOperatorsOwnBase()
    {
        var fhirBase = new FhirBase(new Uri("http://organization.fut.svc.cluster.local:8080/fhir"));

        fhirBase.Resolve(PollPaths.For(HapiPayloads.JobId)).Should().Be(
            new Uri($"http://organization.fut.svc.cluster.local:8080/fhir/$hapi.fhir.reindex-status?_jobId={HapiPayloads.JobId}"));
    }

    /// <summary>Found by the reconciler model (seed 2noIdEO10ok1): a basePath the CRD allows, with "%3e", made every request throw.</summary>
    [TestCase("/fhir%3e", "/fhir%3E/$reindex")]
    [TestCase("/a%2fb/fhir", "/a%2Fb/fhir/$reindex")]
    [TestCase("/fhir%3E", "/fhir%3E/$reindex")]
    public void Resolve_BaseWithALowerCasePercentEscape_StaysBelowTheBase(string basePath, string expected)
    {
        var fhirBase = new FhirBase(new Uri("http://fhir:8080" + basePath));

        fhirBase.Resolve("$reindex").AbsolutePath.Should().Be(expected);
    }

    [TestCase("//evil.example/fhir/$reindex")]
    [TestCase("https://evil.example/fhir/$reindex")]
    [TestCase("/other/$reindex")]
    [TestCase("../$reindex")]
    public void Resolve_PathLeavingTheBase_Throws(string path)
    {
        var fhirBase = new FhirBase(new Uri("http://organization:8080/fhir/"));

        fhirBase.Invoking(target => target.Resolve(path)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Origin_IsSchemeHostAndPort()
    {
        new FhirBase(new Uri("https://fhir.example:8443/base/fhir")).Origin.Should().Be("https://fhir.example:8443");
    }

    [TestCase("ftp://fhir.example/fhir")]
    [TestCase("http://user:pw@fhir.example/fhir")]
    [TestCase("http://fhir.example/fhir?x=1")]
    public void Constructor_NotAPlainHttpBase_Throws(string uri)
    {
        FluentActions.Invoking(() => new FhirBase(new Uri(uri))).Should().Throw<ArgumentException>();
    }
}
