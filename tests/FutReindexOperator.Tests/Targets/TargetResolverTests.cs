using FutReindexOperator.Decisions;
using FutReindexOperator.Fhir;
using FutReindexOperator.Model;
using FutReindexOperator.Targets;
using k8s.Models;
using static FutReindexOperator.Tests.Decisions.DecisionCases;

namespace FutReindexOperator.Tests.Targets;

public sealed class TargetResolverTests
{
    private static readonly TargetOptions Defaults = new();

    [Test]
    public void Plan_OwnNamespace_ReadsTheService()
    {
        TargetResolver.Plan(Job(), Defaults).Should().Be(new TargetPlan.ReadService("fut", "organization"));
    }

    [Test]
    public void Plan_OtherNamespaceNotAllowed_RefusesNamingIt()
    {
        var plan = TargetResolver.Plan(Job(spec: spec => spec.Target.Namespace = "other"), Defaults);

        plan.Should().BeOfType<TargetPlan.Known>().Which.Observation.Should().BeOfType<TargetObservation.Refused>()
            .Which.Message.Should().Contain("'other'").And.Contain("Targets:AllowedNamespaces");
    }

    [Test]
    public void Plan_OtherNamespaceAllowed_ReadsTheServiceThere()
    {
        var options = new TargetOptions { AllowedNamespaces = ["fhir"] };

        TargetResolver.Plan(Job(spec: spec => spec.Target.Namespace = "fhir"), options).Should().Be(new TargetPlan.ReadService("fhir", "organization"));
    }

    [Test]
    public void Plan_AllowlistedExternalTarget_UsesItsBaseWithoutReadingAService()
    {
        var options = new TargetOptions { ExternalTargets = [new ExternalTarget { Namespace = "fut", Service = "organization", BaseUrl = "https://organization.example/fhir" }] };

        var plan = TargetResolver.Plan(Job(), options);

        plan.Should().Be(new TargetPlan.Known(new TargetObservation.Resolved(new FhirBase(new Uri("https://organization.example/fhir/")))));
    }

    [Test]
    public void FromService_Missing_IsNotFound()
    {
        TargetResolver.FromService(Job(), null, Defaults).Should().Be(new TargetObservation.NotFound("Service fut/organization not found"));
    }

    [Test]
    public void FromService_ExternalName_IsRefused()
    {
        var service = new V1Service { Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "evil.example" } };

        TargetResolver.FromService(Job(), service, Defaults).Should().BeOfType<TargetObservation.Refused>().Which.Message.Should().Contain("ExternalName");
    }

    [Test]
    public void FromService_PortNamedHttp_IsChosenAndTheHostFollowsTheTemplate()
    {
        var service = Service(("grpc", 9090), ("http", 8080));

        TargetResolver.FromService(Job(), service, Defaults).Should().Be(
            new TargetObservation.Resolved(new FhirBase(new Uri("http://organization.fut.svc.cluster.local:8080/fhir/"))));
    }

    [Test]
    public void FromService_OnlyPortUnnamed_IsChosen()
    {
        TargetResolver.FromService(Job(), Service((null, 8443)), Defaults)
            .Should().BeOfType<TargetObservation.Resolved>().Which.Base.Uri.Port.Should().Be(8443);
    }

    [Test]
    public void FromService_SpecPort_IsChosenWhenTheServiceHasIt()
    {
        var job = Job(spec: spec =>
        {
            spec.Target.Port = 9090;
            spec.Target.Scheme = TargetScheme.Https;
            spec.Target.BasePath = "/base/fhir";
        });

        TargetResolver.FromService(job, Service(("grpc", 9090), ("http", 8080)), Defaults).Should().Be(
            new TargetObservation.Resolved(new FhirBase(new Uri("https://organization.fut.svc.cluster.local:9090/base/fhir/"))));
    }

    [Test]
    public void FromService_SpecPortMissingOnService_IsRefusedListingThePorts()
    {
        var observation = TargetResolver.FromService(Job(spec: spec => spec.Target.Port = 1234), Service(("http", 8080)), Defaults);

        observation.Should().BeOfType<TargetObservation.Refused>().Which.Message.Should().Contain("no port 1234").And.Contain("http:8080");
    }

    [Test]
    public void FromService_SeveralPortsNoneNamedHttp_AsksForSpecPort()
    {
        var observation = TargetResolver.FromService(Job(), Service(("a", 1), ("b", 2)), Defaults);

        observation.Should().BeOfType<TargetObservation.Refused>().Which.Message.Should().Contain("set spec.target.port");
    }

    [Test]
    public void FromService_LocalHostTemplate_BuildsALocalBase()
    {
        var options = new TargetOptions { HostTemplate = "localhost" };

        TargetResolver.FromService(Job(), Service(("http", 5080)), options).Should().Be(
            new TargetObservation.Resolved(new FhirBase(new Uri("http://localhost:5080/fhir/"))));
    }

    private static V1Service Service(params (string? Name, int Port)[] ports)
        => new() { Spec = new V1ServiceSpec { Type = "ClusterIP", Ports = [.. ports.Select(port => new V1ServicePort { Name = port.Name, Port = port.Port })] } };
}
