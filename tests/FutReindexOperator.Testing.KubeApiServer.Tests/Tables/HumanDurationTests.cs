using FutReindexOperator.Testing.KubeApiServer.Tables;

namespace FutReindexOperator.Testing.KubeApiServer.Tests.Tables;

public sealed class HumanDurationTests
{
    [TestCase(5, "5s")]
    [TestCase(119, "119s")]
    [TestCase(200, "3m20s")]
    [TestCase(3600, "60m")]
    [TestCase(4 * 3600 + 120, "4h2m")]
    [TestCase(30 * 3600, "30h")]
    [TestCase(3 * 86400 + 3600, "3d1h")]
    [TestCase(40 * 86400, "40d")]
    public void Format_Age_AsKubectlPrintsIt(int seconds, string expected) =>
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);
}
