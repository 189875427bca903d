using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.OperatorHost;

namespace FutReindexOperator.Testing.World;

/// <summary>What a test changes in its <see cref="OperatorWorld"/>.</summary>
/// <param name="Simulator">Changes to the simulator's options (services, HAPI generation, listeners); default none.</param>
/// <param name="Settings">Operator settings over the world's defaults, keys with <c>__</c> or <c>:</c>; default none.</param>
/// <param name="Rbac">The RBAC install; default <see cref="OperatorWorld.DefaultRbac"/>.</param>
public sealed record WorldOptions(
    Action<HapiSimulatorOptions>? Simulator = null,
    IReadOnlyDictionary<string, string>? Settings = null,
    OperatorRbac? Rbac = null);
