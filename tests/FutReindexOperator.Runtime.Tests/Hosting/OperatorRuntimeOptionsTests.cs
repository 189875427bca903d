using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Runtime.Hosting;

namespace FutReindexOperator.Runtime.Tests.Hosting;

public sealed class OperatorRuntimeOptionsTests
{
    [Test]
    public void Validate_Defaults_AreValid() => Errors(new OperatorRuntimeOptions()).Should().BeEmpty();

    [Test]
    public void Validate_InactivityTimeoutShorterThanServerTimeout_NamesBothSettings()
    {
        var options = new OperatorRuntimeOptions { WatchTimeoutSeconds = 290, WatchInactivityTimeout = TimeSpan.FromSeconds(60) };

        Errors(options).Should().ContainSingle().Which.Should().Contain("WatchInactivityTimeout").And.Contain("WatchTimeoutSeconds");
    }

    [Test]
    public void Validate_ZeroConcurrency_NamesTheField() =>
        Errors(new OperatorRuntimeOptions { MaxConcurrentReconciles = 0 }).Should().ContainSingle().Which.Should().Contain("MaxConcurrentReconciles");

    [Test]
    public void Validate_RenewDeadlineNotBelowLeaseDuration_NamesLeaderElectionFields()
    {
        var options = new OperatorRuntimeOptions();
        options.LeaderElection.RenewDeadline = options.LeaderElection.LeaseDuration;

        Errors(options).Should().ContainSingle().Which.Should().Contain("LeaderElection:RenewDeadline");
    }

    [Test]
    public void Validate_LeaderElectionOff_IgnoresLeaseSettings()
    {
        var options = new OperatorRuntimeOptions();
        options.LeaderElection.Enabled = false;
        options.LeaderElection.LeaseName = "Not A DNS Name";

        Errors(options).Should().BeEmpty();
    }

    [Test]
    public void Validate_EmptyNamespaceName_IsRejected()
    {
        var options = new OperatorRuntimeOptions();
        options.Namespaces.Add(" ");

        Errors(options).Should().ContainSingle().Which.Should().Contain("Namespaces");
    }

    private static List<string> Errors(OperatorRuntimeOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(result => result.ErrorMessage ?? string.Empty)];
    }
}
