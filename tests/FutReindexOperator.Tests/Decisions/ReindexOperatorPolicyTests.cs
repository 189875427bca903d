using System.ComponentModel.DataAnnotations;
using FutReindexOperator.Decisions;

namespace FutReindexOperator.Tests.Decisions;

public sealed class ReindexOperatorPolicyTests
{
    [Test]
    public void Validate_Defaults_AreValidAndOneJobPerTarget()
    {
        var policy = new ReindexOperatorPolicy();

        Validator.TryValidateObject(policy, new ValidationContext(policy), null, validateAllProperties: true).Should().BeTrue();
        policy.MaxRunningPerTarget.Should().Be(1);
    }

    [Test]
    public void Validate_ZeroJobsPerTarget_IsInvalid()
    {
        var policy = new ReindexOperatorPolicy { MaxRunningPerTarget = 0 };
        var errors = new List<ValidationResult>();

        Validator.TryValidateObject(policy, new ValidationContext(policy), errors, validateAllProperties: true).Should().BeFalse();
        errors.Should().ContainSingle().Which.MemberNames.Should().Equal(nameof(ReindexOperatorPolicy.MaxRunningPerTarget));
    }
}
