using System.Runtime.CompilerServices;
using CsCheck;

namespace FutReindexOperator.Tests.Properties;

/// <summary>
/// Runs a property with CsCheck and prints what is needed to replay it: the seed it started from and, on a failure,
/// CsCheck's message with the seed of the shrunk counterexample. Set <see cref="SeedVariable"/> (or CsCheck's own
/// <c>CsCheck_Seed</c>) to a printed seed to run exactly that case again.
/// In CI (<c>CI=true</c>) the cases come from a fixed sequence of seeds, so that a run on main is repeatable and a
/// new counterexample is found by a developer's run (fresh seeds) rather than by chance in the landing run.
/// </summary>
internal static class PropertyRun
{
    public const string SeedVariable = "FUT_PROPERTY_SEED";

    private const uint CiStream = 20261204;

    public static void Check<T>(Gen<T> gen, Action<T> assert, long iterations, Func<T, string>? print = null, [CallerMemberName] string property = "")
    {
        ArgumentNullException.ThrowIfNull(gen);
        var replay = Environment.GetEnvironmentVariable(SeedVariable) ?? Environment.GetEnvironmentVariable("CsCheck_Seed");
        if (replay is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            TestContext.Progress.WriteLine($"{property}: {iterations} cases from the fixed CI seeds (stream {CiStream}, seeds 1..{iterations})");
            for (var index = 1UL; index <= (ulong)iterations; index++)
            {
                gen.Sample(assert, writeLine: TestContext.Progress.WriteLine, seed: new PCG(CiStream, index).ToString(), iter: 1, threads: 1, print: print);
            }

            return;
        }

        var seed = replay ?? new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString();
        TestContext.Progress.WriteLine(replay is null
            ? $"{property}: {iterations} cases from seed {seed} (replay a failure with {SeedVariable}=<the seed it prints>)"
            : $"{property}: replaying seed {seed}");
        gen.Sample(assert, writeLine: TestContext.Progress.WriteLine, seed: seed, iter: replay is null ? iterations : 1, print: print);
    }
}
