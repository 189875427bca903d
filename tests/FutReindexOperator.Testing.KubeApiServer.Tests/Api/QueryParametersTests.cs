using FutReindexOperator.Testing.KubeApiServer.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Api;

/// <summary>Query parameters decode as kube-apiserver's parameter codec decodes them.</summary>
public sealed class QueryParametersTests
{
    private static QueryCollection Query(string name, params string[] values) =>
        new(new Dictionary<string, StringValues> { [name] = new StringValues(values) });

    [TestCase("true")]
    [TestCase("True")]
    [TestCase("TRUE")]
    [TestCase("1")]
    [TestCase("t")]
    [TestCase("yes")]
    [TestCase("")]
    public void Bool_AnythingButZeroOrFalse_IsTrue(string value) =>
        QueryParameters.Bool(Query("watch", value), "watch").Should().BeTrue();

    [TestCase("false")]
    [TestCase("False")]
    [TestCase("FALSE")]
    [TestCase("fAlSe")]
    [TestCase("0")]
    public void Bool_ZeroOrFalseInAnyCase_IsFalse(string value) =>
        QueryParameters.Bool(Query("watch", value), "watch").Should().BeFalse();

    [Test]
    public void Bool_Absent_IsFalse() =>
        QueryParameters.Bool(QueryCollection.Empty, "watch").Should().BeFalse();

    [Test]
    public void NullableBool_Absent_IsNull() =>
        QueryParameters.NullableBool(QueryCollection.Empty, "sendInitialEvents").Should().BeNull();

    [TestCase("500", 500)]
    [TestCase("-1", -1)]
    [TestCase("+7", 7)]
    public void Number_GoIntegers_Parsed(string text, long expected) =>
        QueryParameters.Number(Query("limit", text), "limit").Should().Be(expected);

    [TestCase("abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [TestCase("1.5", "strconv.ParseInt: parsing \"1.5\": invalid syntax")]
    [TestCase("99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    public void Number_NotAnInteger_BadRequestWithGoMessage(string text, string message)
    {
        var parse = () => QueryParameters.Number(Query("limit", text), "limit");

        parse.Should().Throw<ApiException>().Where(e => e.Code == 400 && e.Message == message);
    }

    [Test]
    public void ValidateListOptions_SendInitialEventsOnList_Forbidden()
    {
        var validate = () => QueryParameters.ValidateListOptions(Query("sendInitialEvents", "true"), watch: false);

        validate.Should().Throw<ApiException>().Where(e =>
            e.Code == 422 && e.Message == "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
    }

    [Test]
    public void ValidateListOptions_SendInitialEventsWithoutNotOlderThan_Forbidden()
    {
        var validate = () => QueryParameters.ValidateListOptions(Query("sendInitialEvents", "true"), watch: true);

        validate.Should().Throw<ApiException>().Where(e =>
            e.Message == "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    }

    [Test]
    public void ValidateListOptions_MatchWithoutResourceVersionOnList_Forbidden()
    {
        var validate = () => QueryParameters.ValidateListOptions(Query("resourceVersionMatch", "NotOlderThan"), watch: false);

        validate.Should().Throw<ApiException>().Where(e =>
            e.Message == "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }

    [Test]
    public void ValidateWriteOptions_DryRunOtherThanAll_Unsupported()
    {
        var validate = () => QueryParameters.ValidateWriteOptions(Query("dryRun", "true"), "CreateOptions");

        validate.Should().Throw<ApiException>().Where(e =>
            e.Code == 422 && e.Message == "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"true\"}: supported values: \"All\"");
    }

    [Test]
    public void ValidateWriteOptions_UnknownFieldValidation_Unsupported()
    {
        var validate = () => QueryParameters.ValidateWriteOptions(Query("fieldValidation", "strict"), "PatchOptions");

        validate.Should().Throw<ApiException>().Where(e =>
            e.Message == "PatchOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"strict\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
    }

    [Test]
    public void ValidateWriteOptions_FieldManagerOver128Bytes_TooLong()
    {
        var validate = () => QueryParameters.ValidateWriteOptions(Query("fieldManager", new string('ø', 65)), "UpdateOptions");

        validate.Should().Throw<ApiException>().Where(e =>
            e.Message == "UpdateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes");
    }
}
