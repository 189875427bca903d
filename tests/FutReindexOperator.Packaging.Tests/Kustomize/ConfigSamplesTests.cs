using FutReindexOperator.Packaging.Tests.Support;

namespace FutReindexOperator.Packaging.Tests.Kustomize;

/// <summary>What <c>kubectl kustomize config/samples</c> renders.</summary>
public sealed class ConfigSamplesTests
{
    [Test]
    public async Task Every_namespace_the_samples_use_is_created_by_the_samples()
    {
        var samples = await Support.Kustomize.RenderAsync("config/samples", CancellationToken.None);

        var created = samples.OfKind("Namespace").Select(item => item.Name());

        samples.Select(item => item.Namespace()).OfType<string>().Distinct().Should().BeSubsetOf(created);
    }
}
