using FutReindexOperator.Benchmarks.Harness;
using FutReindexOperator.Testing.HapiSimulator.Jobs;
using k8s;

namespace FutReindexOperator.Benchmarks.Tests.Harness;

public sealed class BenchWorldTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task SetUp_creates_a_Service_per_target_pointing_at_the_simulator_and_counts_the_harness_own_requests(CancellationToken cancellationToken)
    {
        await using var world = await BenchWorld.StartAsync(new WorldOptions { Targets = 4, Namespaces = 2 }, cancellationToken);
        await world.SetUpAsync(cancellationToken);
        var before = world.ApiCounters();

        await world.CreateJobsAsync(6, parallelism: 3, cancellationToken);
        var jobs = await world.ListJobsAsync(cancellationToken);
        var operatorRequests = world.ApiCounters().Since(before).Without(world.OwnRequests);

        var services = await world.Client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: cancellationToken);
        services.Items.Select(service => $"{service.Metadata.NamespaceProperty}/{service.Metadata.Name}").Should().BeEquivalentTo(
            "bench-00/fhir-000", "bench-01/fhir-001", "bench-00/fhir-002", "bench-01/fhir-003");
        services.Items.Should().OnlyContain(service => service.Spec.Ports.Single().Port == world.Simulator.BaseAddress.Port);
        jobs.Select(job => job.Spec.Target.BasePath).Should().Contain("/fhir-003/fhir");
        operatorRequests.Values.Should().BeEmpty("the harness's own creates and lists are removed");
    }

    [Test]
    public void ServiceName_Index_IsAThreeDigitDnsLabel()
        => BenchWorld.ServiceName(7).Should().Be("fhir-007");

    [Test]
    public void FinalStateOf_FirstTargetsFailing_FailOnlyThoseTargets()
    {
        var options = new WorldOptions { Targets = 3, FailingTargets = 1 };

        options.FinalStateOf(0).Should().Be(ReindexJobState.Failed);
        options.FinalStateOf(1).Should().Be(ReindexJobState.Completed);
    }
}
