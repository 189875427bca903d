using FutReindexOperator.Testing.HapiSimulator.Fhir;
using FutReindexOperator.Testing.HapiSimulator.Hosting;

namespace FutReindexOperator.Testing.HapiSimulator.Tests.Hosting;

public sealed class StandaloneConfigurationTests
{
    [Test]
    public void Load_ShortSwitches_SetPortServicesAndGeneration()
    {
        var options = StandaloneConfiguration.Load(["--port", "18080", "--services", "organization,careplan,task", "--generation", "B", "--namespace", "cit"]);

        options.Port.Should().Be(18080);
        options.Services.Should().Equal("organization", "careplan", "task");
        options.Hapi.Generation.Should().Be(HapiGeneration.B);
        options.PublicBaseUrl("task").Should().Be("https://task.cit.local/fhir");
    }

    [Test]
    public void Load_NoArguments_ServesOrganization()
    {
        StandaloneConfiguration.Load([]).Services.Should().Equal("organization");
    }

    [Test]
    public void Load_FullKeys_BindNestedOptions()
    {
        var options = StandaloneConfiguration.Load(["--HapiSimulator:Hapi:ReportFormat=Source", "--HapiSimulator:Auth:AccessTokenLifetime=00:00:30", "--HapiSimulator:AutomaticMaintenance=false"]);

        options.Hapi.ReportFormat.Should().Be(ReportFormat.Source);
        options.Auth.AccessTokenLifetime.Should().Be(TimeSpan.FromSeconds(30));
        options.AutomaticMaintenance.Should().BeFalse();
    }

    [Test]
    public void Load_InvalidPort_FailsNamingTheField()
    {
        var load = () => StandaloneConfiguration.Load(["--port", "99999"]);

        load.Should().Throw<ArgumentException>().WithMessage("*Port must be between 0 and 65535*");
    }
}
