using FutReindexOperator.Sandbox.Display;

namespace FutReindexOperator.Sandbox.Tests.Display;

public sealed class DurationTextTests
{
    [TestCase(0, "0.0s")]
    [TestCase(4_240, "4.2s")]
    [TestCase(59_900, "59.9s")]
    [TestCase(187_000, "3m07s")]
    [TestCase(-5, "0.0s")]
    public void Format_Milliseconds_IsShort(int milliseconds, string text)
    {
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(text);
    }
}
