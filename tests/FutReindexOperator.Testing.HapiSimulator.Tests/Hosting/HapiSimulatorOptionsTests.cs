using FutReindexOperator.Testing.HapiSimulator.Hosting;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Hosting;

public sealed class HapiSimulatorOptionsTests
{
    [Test]
    public void PublicBaseUrl_Default_IsServiceDotNamespaceDotLocal()
    {
        var options = new HapiSimulatorOptions { Namespace = "cit-organization-1498" };

        options.PublicBaseUrl("organization").Should().Be("https://organization.cit-organization-1498.local/fhir");
    }

    [Test]
    public void PublicBaseUrl_Override_WinsWithoutTrailingSlash()
    {
        var options = new HapiSimulatorOptions();
        options.PublicBaseUrls["organization"] = "https://fhir.example/organization/fhir/";

        options.PublicBaseUrl("organization").Should().Be("https://fhir.example/organization/fhir");
    }

    [Test]
    public void ValidateOrThrow_Defaults_Pass()
    {
        var validate = () => new HapiSimulatorOptions().ValidateOrThrow();

        validate.Should().NotThrow();
    }

    [TestCase("Organization")]
    [TestCase("auth")]
    [TestCase("care plan")]
    public void ValidateOrThrow_BadServiceName_NamesTheService(string service)
    {
        var options = new HapiSimulatorOptions { Services = [service] };

        var validate = options.ValidateOrThrow;

        validate.Should().Throw<ArgumentException>().WithMessage($"*Services: '{service}' must be a DNS label*");
    }

    [Test]
    public void ValidateOrThrow_NestedProblems_AreReported()
    {
        var options = new HapiSimulatorOptions { Port = 70_000 };
        options.Hapi.FailedEntryStatus = "broken";
        options.Auth.Clients.Add(new());

        var validate = options.ValidateOrThrow;

        validate.Should().Throw<ArgumentException>()
            .WithMessage("*Port must be between 0 and 65535*")
            .WithMessage("*FailedEntryStatus must be an HTTP status line*")
            .WithMessage("*ClientId is required*");
    }

    [Test]
    public void ValidateOrThrow_RelativePublicBase_IsRejected()
    {
        var options = new HapiSimulatorOptions { PublicBaseUrlTemplate = "/{service}/fhir" };

        var validate = options.ValidateOrThrow;

        validate.Should().Throw<ArgumentException>().WithMessage("*must be an absolute http(s) URL*");
    }
}
