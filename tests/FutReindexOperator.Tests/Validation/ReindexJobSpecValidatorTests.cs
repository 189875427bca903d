using FutReindexOperator.Model;
using FutReindexOperator.Validation;

namespace FutReindexOperator.Tests.Validation;

public sealed class ReindexJobSpecValidatorTests
{
    private static ReindexJobSpec Valid() => new()
    {
        Target = new TargetSpec { Service = "organization" },
        Urls = ["Organization?", "Patient?active=true"],
        Auth = new AuthSpec { None = new NoAuth() },
    };

    private static IEnumerable<TestCaseData> InvalidSpecs()
    {
        yield return Case("Validate_UrlWithoutQuestionMark_NamesTheUrl", spec => spec.Urls = ["Organization?", "Organization"], "spec.urls[1]", "ResourceType?[query]");
        yield return Case("Validate_LowerCaseType_NamesTheUrl", spec => spec.Urls = ["organization?"], "spec.urls[0]", "ResourceType?[query]");
        yield return Case("Validate_UrlWithWhitespace_NamesTheUrl", spec => spec.Urls = ["Patient?name=a b"], "spec.urls[0]", "without whitespace");
        yield return Case("Validate_UnknownResourceType_NamesTheType", spec => spec.Urls = ["Foo?"], "spec.urls[0]", "'Foo' is not one");
        yield return Case("Validate_AbstractResourceType_IsRefused", spec => spec.Urls = ["Resource?"], "spec.urls[0]", "'Resource' is not one");
        yield return Case("Validate_BatchSizeAbove500_NamesTheBounds", spec => spec.BatchSize = 501, "spec.batchSize", "from 1 to 500");
        yield return Case("Validate_BatchSizeZero_NamesTheBounds", spec => spec.BatchSize = 0, "spec.batchSize", "from 1 to 500");
        yield return Case("Validate_CorrectCurrentVersionWithOptimisticLock_IsRefused", spec =>
        {
            spec.CorrectCurrentVersion = CorrectCurrentVersionMode.All;
            spec.OptimisticLock = true;
        }, "spec.optimisticLock", "false or absent when correctCurrentVersion is All");
        yield return Case("Validate_PartitionIdNotAnInteger_NamesTheEntry", spec => spec.PartitionIds = ["1", "two"], "spec.partitionIds[1]", "an integer partition id or _ALL");
        yield return Case("Validate_NoAuthMode_AsksForExactlyOne", spec => spec.Auth = new AuthSpec(), "spec.auth", "exactly one of bearerToken, oauth2 or none");
        yield return Case("Validate_TwoAuthModes_AsksForExactlyOne", spec => spec.Auth = new AuthSpec { None = new NoAuth(), BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "a", Key = "b" } } }, "spec.auth", "not 2");
        yield return Case("Validate_BearerTokenWithoutKey_NamesTheKey", spec => spec.Auth = new AuthSpec { BearerToken = new BearerTokenAuth { SecretRef = new SecretKeyRef { Name = "token" } } }, "spec.auth.bearerToken.secretRef.key", "required");
        yield return Case("Validate_OAuth2RelativeTokenUrl_NamesTheUrl", spec => spec.Auth = new AuthSpec { OAuth2 = new OAuth2Auth { TokenUrl = "/token", SecretName = "creds" } }, "spec.auth.oauth2.tokenUrl", "absolute http or https URL");
        yield return Case("Validate_ServiceNameWithCapitals_NamesTheField", spec => spec.Target.Service = "Organization", "spec.target.service", "the name of a Service");
        yield return Case("Validate_EmptyService_IsRequired", spec => spec.Target.Service = "", "spec.target.service", "required");
        yield return Case("Validate_PortOutOfRange_NamesTheBounds", spec => spec.Target.Port = 70000, "spec.target.port", "from 1 to 65535");
        yield return Case("Validate_RelativeBasePath_NamesTheField", spec => spec.Target.BasePath = "fhir", "spec.target.basePath", "absolute URL path");
        yield return Case("Validate_MaxIntervalBelowFirst_NamesBoth", spec => spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromMinutes(2), MaxInterval = TimeSpan.FromMinutes(1) }, "spec.polling.maxInterval", "at least firstInterval (2m)");
        yield return Case("Validate_DeadlineBeyondTheLongestTimeSpan_NamesTheFieldAndTheRange", spec => spec.Polling = new PollingSpec { Deadline = TimeSpan.MaxValue }, "spec.polling.deadline", "at most 8760h");
        yield return Case("Validate_DeadlineAboveAYear_NamesTheFieldTheRangeAndTheValue", spec => spec.Polling = new PollingSpec { Deadline = TimeSpan.FromHours(9000) }, "spec.polling.deadline", "at most 8760h, not 9000h");
        yield return Case("Validate_StallTimeoutAboveAYear_NamesTheFieldAndTheRange", spec => spec.Polling = new PollingSpec { StallTimeout = TimeSpan.FromHours(100_000_000) }, "spec.polling.stallTimeout", "at most 8760h");
        yield return Case("Validate_FirstIntervalAboveADay_NamesTheFieldAndTheRange", spec => spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromHours(1300) }, "spec.polling.firstInterval", "at most 24h");
        yield return Case("Validate_ErrorGracePeriodAboveADay_NamesTheFieldAndTheRange", spec => spec.Polling = new PollingSpec { ErrorGracePeriod = TimeSpan.FromHours(25) }, "spec.polling.errorGracePeriod", "at most 24h");
        yield return Case("Validate_ZeroDeadline_NamesTheField", spec => spec.Polling = new PollingSpec { Deadline = TimeSpan.Zero }, "spec.polling.deadline", "greater than zero");
    }

    [Test]
    public void Validate_ValidSpec_HasNoErrors()
    {
        ReindexJobSpecValidator.Validate(Valid()).Should().BeEmpty();
    }

    [Test]
    public void Validate_NoUrls_IsValidAndMeansEverything()
    {
        var spec = Valid();
        spec.Urls = [];

        ReindexJobSpecValidator.Validate(spec).Should().BeEmpty();
    }

    [Test]
    public void Validate_PollingFieldsAbsent_AreValidAndLeftToTheOperatorsDefaults()
    {
        var spec = Valid();
        spec.Polling = new PollingSpec();

        ReindexJobSpecValidator.Validate(spec).Should().BeEmpty();
    }

    [Test]
    public void Validate_OnlyFirstIntervalAboveTheDefaultMaximum_IsValid()
    {
        var spec = Valid();
        spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromMinutes(5) };

        ReindexJobSpecValidator.Validate(spec).Should().BeEmpty();
    }

    [Test]
    public void Validate_HugeEqualPollIntervals_NamesBothFields()
    {
        var spec = Valid();
        spec.Polling = new PollingSpec { FirstInterval = TimeSpan.FromHours(100_000_000), MaxInterval = TimeSpan.FromHours(100_000_000) };

        ReindexJobSpecValidator.Validate(spec).Select(error => error.Field).Should().Equal("spec.polling.firstInterval", "spec.polling.maxInterval");
    }

    [Test]
    public void Validate_PartitionIdsIntegersAndAll_AreValid()
    {
        var spec = Valid();
        spec.PartitionIds = ["0", "-1", "42", "_ALL"];

        ReindexJobSpecValidator.Validate(spec).Should().BeEmpty();
    }

    [TestCaseSource(nameof(InvalidSpecs))]
    public void Validate_InvalidSpec_NamesTheFieldAndWhatIsExpected(Action<ReindexJobSpec> breakSpec, string field, string expected)
    {
        var spec = Valid();
        breakSpec(spec);

        var error = ReindexJobSpecValidator.Validate(spec).Should().ContainSingle().Subject;

        error.Field.Should().Be(field);
        error.Expected.Should().Contain(expected);
    }

    private static TestCaseData Case(string name, Action<ReindexJobSpec> breakSpec, string field, string expected)
        => new TestCaseData(breakSpec, field, expected).SetName(name);
}
