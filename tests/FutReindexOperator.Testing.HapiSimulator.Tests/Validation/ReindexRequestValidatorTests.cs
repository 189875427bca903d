using FutReindexOperator.Testing.HapiSimulator.Validation;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Validation;

public sealed class ReindexRequestValidatorTests
{
    private readonly ReindexRequestValidator _validator = new(["Organization", "Patient"]);

    [Test]
    public void Validate_NoParameters_GivesHAPIsDefaults()
    {
        var request = _validator.Validate(Lookup(), out var error);

        error.Should().BeEmpty();
        request.Should().BeEquivalentTo(new ReindexRequest([], "ALL", "NONE", true, "NONE", 500, []));
    }

    [Test]
    public void Validate_EnumAndUrlProblems_ReportsTheEnumFirst()
    {
        _validator.Validate(Lookup(("url", "Foo?"), ("optimizeStorage", "x")), out var error).Should().BeNull();

        error.Should().Be("HAPI-1769: Invalid optimizeStorage value: x");
    }

    [Test]
    public void Validate_ExplicitOptimisticLockWithCorrectNone_IsAccepted()
    {
        var request = _validator.Validate(Lookup(("correctCurrentVersion", "NONE"), ("optimisticLock", "true")), out _);

        request!.OptimisticLock.Should().BeTrue();
    }

    [TestCase("0")]
    [TestCase("501")]
    [TestCase("many")]
    public void Validate_BatchSizeOutOfRange_IsIgnored(string batchSize)
    {
        _validator.Validate(Lookup(("batchSize", batchSize)), out _)!.BatchSize.Should().Be(500);
    }

    [Test]
    public void Validate_BatchSizeInRange_IsKept()
    {
        _validator.Validate(Lookup(("batchSize", "100")), out _)!.BatchSize.Should().Be(100);
    }

    private static ILookup<string, string> Lookup(params (string Name, string Value)[] values) =>
        values.ToLookup(value => value.Name, value => value.Value, StringComparer.Ordinal);
}
