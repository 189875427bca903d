using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Decisions;

namespace FutReindexOperator.Tests.Decisions;

public sealed class PollingDefaultsTests
{
    [Test]
    public void Defaults_AreTheDocumentedValues()
    {
        var defaults = new PollingDefaults();

        (defaults.FirstInterval, defaults.MaxInterval, defaults.Deadline, defaults.StallTimeout, defaults.ErrorGracePeriod)
            .Should().Be((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60), TimeSpan.FromHours(72), TimeSpan.FromHours(2), TimeSpan.FromMinutes(3)));
    }

    [Test]
    public void Validate_Defaults_AreValid()
    {
        Errors(new PollingDefaults()).Should().BeEmpty();
    }

    [Test]
    public void Validate_MaxIntervalBelowFirstInterval_NamesBothKeys()
    {
        var errors = Errors(new PollingDefaults { FirstInterval = TimeSpan.FromMinutes(2), MaxInterval = TimeSpan.FromMinutes(1) });

        errors.Should().ContainSingle().Which.Should().Contain("Reindex:Polling:MaxInterval").And.Contain("Reindex:Polling:FirstInterval");
    }

    [Test]
    public void Validate_ZeroDeadline_NamesTheKey()
    {
        var errors = Errors(new PollingDefaults { Deadline = TimeSpan.Zero });

        errors.Should().ContainSingle().Which.Should().StartWith("Reindex:Polling:Deadline must be between");
    }

    [Test]
    public void Validate_AsPartOfThePolicy_ReportsThePollingError()
    {
        var policy = new ReindexOperatorPolicy { Polling = new PollingDefaults { StallTimeout = TimeSpan.Zero } };

        Errors(policy).Should().ContainSingle().Which.Should().StartWith("Reindex:Polling:StallTimeout");
    }

    private static List<string?> Errors(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(result => result.ErrorMessage).ToList();
    }
}
