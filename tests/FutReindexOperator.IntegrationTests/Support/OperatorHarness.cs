using System.Collections.Concurrent;
using FutReindexOperator.Testing.HapiSimulator.Hosting;
using FutReindexOperator.Testing.OperatorHost;
using FutReindexOperator.Testing.World;

namespace FutReindexOperator.IntegrationTests.Support;

/// <summary>
/// An <see cref="OperatorWorld"/> whose operator is a separate process (<c>dotnet FutReindexOperator.dll</c>)
/// configured by environment variables, with a production single-line console log: for what only a process shows
/// (kill, restart, signals, exit codes, leader handover, its console output).
/// </summary>
public sealed class OperatorHarness : OperatorWorld
{
    private static readonly TimeSpan OperatorReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A production single-line console log, with the operator's own decisions at Debug.</summary>
    private static readonly Dictionary<string, string> ConsoleLogging = new(StringComparer.Ordinal)
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__FutReindexOperator"] = "Debug",
    };

    private readonly List<(string Identity, OperatorProcess Process)> _replicas = [];

    private OperatorHarness(WorldOptions options)
        : base(options)
    {
    }

    public OperatorProcess? Operator { get; private set; }

    /// <summary>The world with the operator as a process, started unless <paramref name="startOperator"/> is false.</summary>
    public static async Task<OperatorHarness> StartAsync(
        CancellationToken cancellationToken,
        Action<HapiSimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string>? settings = null,
        bool startOperator = true,
        OperatorRbac? rbac = null)
    {
        var harness = new OperatorHarness(new WorldOptions(simulator, settings, rbac));
        await harness.SetUpAsync(startOperator, cancellationToken);
        return harness;
    }

    public override async Task StartOperatorAsync(CancellationToken cancellationToken) =>
        Operator = await LaunchAsync(new Dictionary<string, string>(), OperatorOutput, cancellationToken);

    /// <summary>
    /// Starts one more operator process with leader election under <paramref name="identity"/> (a pod name), besides
    /// <see cref="Operator"/>, with its own <see cref="OperatorProcess.Output"/>; it is stopped with the harness.
    /// </summary>
    public async Task<OperatorProcess> StartReplicaAsync(string identity, CancellationToken cancellationToken)
    {
        var replica = await LaunchAsync(
            new Dictionary<string, string>
            {
                ["OperatorRuntime__LeaderElection__Enabled"] = "true",
                ["OperatorRuntime__LeaderElection__Identity"] = identity,
            },
            new ConcurrentQueue<string>(),
            cancellationToken);
        _replicas.Add((identity, replica));
        return replica;
    }

    /// <summary>The operator's health and metrics address, from its <c>Operator ready</c> line.</summary>
    public Uri OperatorHttpAddress()
    {
        const string marker = "health and metrics on ";
        var line = OperatorOutput.Last(text => text.Contains("Operator ready", StringComparison.Ordinal));
        var start = line.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return new Uri(line[start..line.IndexOf(')', start)]);
    }

    protected override async ValueTask StopOperatorsAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
        }

        foreach (var (identity, replica) in _replicas)
        {
            await replica.DisposeAsync();
            await TestContext.Out.WriteLineAsync(string.Join('\n', replica.Output.Prepend($"output of replica {identity}:")));
        }
    }

    private Task<OperatorProcess> LaunchAsync(Dictionary<string, string> replicaSettings, ConcurrentQueue<string> output, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(ConsoleLogging, StringComparer.Ordinal);
        foreach (var (key, value) in Settings.Concat(replicaSettings))
        {
            settings[key] = value;
        }

        var launch = new OperatorLaunch(Path.Combine(AppContext.BaseDirectory, "FutReindexOperator.dll"), settings)
        {
            RemovedVariables = ["KUBECONFIG"],
            Output = output,
        };
        return OperatorProcess.StartAsync(launch, OperatorReadyTimeout, cancellationToken);
    }
}
