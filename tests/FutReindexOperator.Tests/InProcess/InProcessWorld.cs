using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.Tests.InProcess;

/// <summary>
/// An <see cref="OperatorWorld"/> with the operator inside the test process (<see cref="InProcessOperator"/>, its
/// log in <see cref="OperatorWorld.OperatorOutput"/>), configured as the end-to-end tests configure the process.
/// </summary>
internal sealed class InProcessWorld : OperatorWorld
{
    private readonly TimeProvider? _timeProvider;

    private InProcessWorld(WorldOptions options, TimeProvider? timeProvider)
        : base(options)
    {
        _timeProvider = timeProvider;
    }

    public InProcessOperator? Operator { get; private set; }

    /// <summary>No process competes for the cores: the waits read more often.</summary>
    protected override TimeSpan WaitStep => TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Starts the servers and creates the world's objects; then the operator, unless <paramref name="startOperator"/> is
    /// false. <paramref name="settings"/> (configuration keys, with <c>:</c> or <c>__</c>) override the defaults;
    /// <paramref name="timeProvider"/> replaces the operator's clock.
    /// </summary>
    public static async Task<InProcessWorld> StartAsync(
        CancellationToken cancellationToken,
        Action<HapiSimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string>? settings = null,
        bool startOperator = true,
        TimeProvider? timeProvider = null,
        OperatorRbac? rbac = null)
    {
        var world = new InProcessWorld(new WorldOptions(simulator, settings, rbac), timeProvider);
        await world.SetUpAsync(startOperator, cancellationToken);
        return world;
    }

    public override async Task StartOperatorAsync(CancellationToken cancellationToken)
        => Operator = await InProcessOperator.StartAsync(Settings, new CapturedLog(OperatorOutput), _timeProvider, cancellationToken);

    /// <summary>Stops the operator (as a pod that is gone); <see cref="StartOperatorAsync"/> may start another.</summary>
    public async Task StopOperatorAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
            Operator = null;
        }
    }

    protected override async ValueTask StopOperatorsAsync() => await StopOperatorAsync();
}
