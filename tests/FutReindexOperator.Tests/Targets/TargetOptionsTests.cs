using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Targets;

namespace FutReindexOperator.Tests.Targets;

public sealed class TargetOptionsTests
{
    [Test]
    public void Validate_Defaults_AreValid()
    {
        var options = new TargetOptions();

        Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true).Should().BeTrue();
    }

    [TestCase("fhir.example/{namespace}")]
    [TestCase("")]
    public void Validate_HostTemplateWithoutService_IsInvalid(string template)
    {
        var options = new TargetOptions { HostTemplate = template };
        var errors = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true).Should().BeFalse();
        errors.Should().ContainSingle().Which.MemberNames.Should().Equal(nameof(TargetOptions.HostTemplate));
        errors[0].ErrorMessage.Should().NotBeNullOrEmpty();
    }
}
